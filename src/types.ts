export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_ORDER: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** 1-based, inclusive start, exclusive end column (the column just after the last character). */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type SourceKind = 'dockerfile' | 'kubernetes' | 'compose';

export interface SourceFile {
  /** Path as given or discovered (absolute or relative to cwd). */
  path: string;
  /** Path shown in reports: relative to the working directory, forward slashes. */
  displayPath: string;
  kind: SourceKind;
  text: string;
  /** Named explicitly on the command line (not found by a directory walk). */
  explicit: boolean;
  /** Given with `--policy` (config `policies:`): its admission policies, bindings and params apply to the run, but the file itself is not linted. */
  policyOnly?: boolean;
  /** For a Dockerfile: the text of the `.dockerignore` that applies to it (`<name>.dockerignore` or `.dockerignore` in its directory), when there is one. */
  dockerignore?: string;
  /**
   * For a Dockerfile a Compose service of the run builds: the `build.args` Compose passes (values
   * known without the shell's environment) and the `build.target` stage, so rules judge what Compose builds.
   */
  composeBuild?: { service: string; args: Record<string, string>; target?: string };
  /** The project folder the file belongs to (see src/app/projects.ts); unset: one project for the whole run. */
  project?: string;
  /** What makes `project` a project: a Helm chart (`Chart.yaml`), a repository, the path named on the command line, or stdin. */
  projectKind?: 'chart' | 'repository' | 'path' | 'stdin';
  /** What the kustomization files of the run say about this file, when one names it (see src/discover/kustomize.ts). */
  kustomize?: KustomizeFileInfo;
}

/** How kustomization files use a file they name (resources, patches, generator inputs). */
export interface KustomizeFileInfo {
  /** Named as a patch (`patches`, `patchesStrategicMerge`, `patchesJson6902`): its objects hold only what they change. */
  patch: boolean;
  /** Named as a resource (`resources`, `bases`, `crds`): its objects are whole and are applied. */
  resource: boolean;
  /** Named as tool input (generator `files`/`envs`, `transformers`, `generators`, `replacements`, `configurations`): never applied itself. */
  config: boolean;
  /** Every kustomize build that includes the file, each as its chain of kustomizations (at most a bounded number). */
  builds: KustomizeBuild[];
}

/** One `kustomize build` of a root kustomization, as it affects a file it includes. */
export interface KustomizeBuild {
  /** Display path of the root kustomization file (the one nothing else in the run includes). */
  root: string;
  /** The kustomizations whose transformations apply, innermost (the one naming the file) first. */
  layers: KustomizeLayer[];
}

/** The transformations one kustomization applies to everything it includes. */
export interface KustomizeLayer {
  /** Display path of the kustomization file. */
  kustomization: string;
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  /** Labels added to `metadata.labels` (`commonLabels` and `labels`). */
  labels: Record<string, string>;
  /** Labels also added to selectors and pod templates (`commonLabels`, `labels` with `includeSelectors`). */
  selectorLabels: Record<string, string>;
  /** Labels also added to pod templates (`selectorLabels` plus `labels` with `includeTemplates`). */
  templateLabels: Record<string, string>;
  /** `images:` overrides, including those of the components this kustomization uses. */
  images: KustomizeImage[];
}

export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  message: string;
  file: string;
  span: Span;
  /** The rule's documentation page; absent for a plugin or custom rule that names none. */
  docsUrl?: string;
  object?: string;
  source?: string;
  /** A fix `--fix` can apply (safe) or `--fix --unsafe-fixes` (unsafe). */
  fix?: FindingFix;
}

/** Replace the text of `span` (1-based; empty for an insertion) with `text`, in the finding's file. */
export interface TextEdit {
  span: Span;
  text: string;
}

/** A fix of a finding, as reports show it: edits of the finding's file (1-based, end column exclusive). */
export interface FindingFix {
  safety: 'safe' | 'unsafe';
  description: string;
  edits: Array<Span & { text: string }>;
}

export interface InputError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}
