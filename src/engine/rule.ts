import type { Severity, TextEdit } from '../types.js';
import type { DockerfileModel, DockerInstruction, Stage } from '../model/dockerfile.js';
import type { Container, K8sObject, KNode, Workload } from '../model/k8s.js';
import type { KubernetesModel } from '../model/k8s-build.js';
import type { ModelNode } from '../model/node.js';
import type { ComposeModel, ComposeService } from '../model/compose.js';
import type { SchemaProvider } from '../schema/provider.js';
import { packageVersion } from '../util/package-version.js';

export type Category = 'dockerfile' | 'security' | 'reliability' | 'efficiency' | 'gpu' | 'schema' | 'meta' | 'compose';
export type Target = 'dockerfile' | 'kubernetes' | 'compose';

export interface RuleExample {
  /** `dockerfile` or `yaml`. */
  lang: 'dockerfile' | 'yaml';
  bad: string;
  good: string;
  /** A `.dockerignore` next to the example Dockerfile (for rules that judge the build context). */
  dockerignore?: string;
  /** Rule options both snippets are linted with (for rules that do nothing until configured). */
  options?: Record<string, unknown>;
  /** The file name both snippets are linted as (`compose.yaml` for a Compose example); default: `Dockerfile` or `example.yaml` by `lang`. */
  file?: string;
  /** Programs the example needs on PATH (`shellcheck`); the example test is skipped without them. */
  requires?: string[];
}

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  status: 'stable' | 'preview';
  /** A stable rule that is off unless a config, flag or preset (`strict`) turns it on: a policy some teams want and others do not. */
  optIn?: boolean;
  since: string;
  /** Peers' ids for the same problem (hadolint DL3007, kube-linter latest-tag, CKV_K8S_14…). */
  aliases: string[];
  rationale: string;
  remediation: string;
  examples: RuleExample[];
  references: string[];
  /** JSON schema of the rule's options (an object schema) and its defaults. */
  options?: { schema: Record<string, unknown>; defaults: Record<string, unknown> };
  /**
   * The rule attaches fixes to (some of) its findings: `safe` when `--fix` applies at least some of
   * them (behaviour kept), `unsafe` when they all may change behaviour and need `--unsafe-fixes`.
   */
  fixable?: FixSafety;
  /** Where a plugin rule's documentation lives (ESLint's `meta.docs.url`); built-in rules are documented under docs/rules. */
  docs?: { url?: string };
}

/** As Ruff defines them: `safe` keeps the program's behaviour, `unsafe` may change it. */
export type FixSafety = 'safe' | 'unsafe';

export type { TextEdit };

/** A fix a rule proposes for one finding: edits built from model nodes (see src/model/edits.ts). */
export interface FixProposal {
  safety: FixSafety;
  /** What the fix does, as a short imperative (`add --no-install-recommends`). */
  description: string;
  edits: TextEdit[];
}

export interface ReportOptions {
  at: ModelNode;
  message: string;
  /** For rules whose findings carry their own level (`shellcheck`); default: the rule's severity. */
  severity?: Severity;
  /**
   * The finding's own code, for rules that report many kinds of problem (ShellCheck's `SC2086`).
   * Suppressions may name the code instead of the rule; see `Rule.codes`.
   */
  code?: string;
  /** A fix for this finding; the engine drops edits that leave the file or overlap. */
  fix?: FixProposal;
}

export interface RuleContext {
  readonly options: Record<string, unknown>;
  readonly kubernetesVersion: string;
  /** Namespace of objects that set no `metadata.namespace` (`--namespace`, config `namespace:`); undefined: `default`. */
  readonly defaultNamespace?: string;
  /** Kubernetes schemas of the run (bundled, --schema-location, CRDs); compiled on first use. */
  readonly schemas: SchemaProvider;
  report: (finding: ReportOptions) => void;
  /** Reports that `path` is missing under `parent`, pointing at the deepest part that exists. */
  reportMissing(parent: KNode, path: readonly string[], message: string, fix?: FixProposal): void;
}

export const INSTRUCTIONS = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;
export type InstructionKeyword = (typeof INSTRUCTIONS)[number];

export type InstructionHandlers = {
  [K in `dockerfile:${InstructionKeyword}`]?: (instruction: DockerInstruction, ctx: RuleContext, model: DockerfileModel) => void;
};

export interface Handlers extends InstructionHandlers {
  dockerfile?: (model: DockerfileModel, ctx: RuleContext) => void;
  /** Every Dockerfile of the run at once, for rules that hand them to another program in one batch. */
  'dockerfile:all'?: (models: readonly DockerfileModel[], ctx: RuleContext) => void;
  'dockerfile:stage'?: (stage: Stage, ctx: RuleContext, model: DockerfileModel) => void;
  /** Each parsed YAML/JSON file, objects or not, for file-level outcomes (`source.explicit`: named on the command line). */
  'k8s:file'?: (model: KubernetesModel, ctx: RuleContext) => void;
  'k8s:object'?: (object: K8sObject, ctx: RuleContext) => void;
  'k8s:workload'?: (workload: Workload, ctx: RuleContext) => void;
  'k8s:container'?: (container: Container, ctx: RuleContext) => void;
  /** Every object of the run, for cross-object rules. */
  'k8s:all'?: (objects: readonly K8sObject[], ctx: RuleContext, workloads: readonly Workload[]) => void;
  /** Each Compose file (override files too: `model.partial`); see docs/compose-model.md. */
  'compose:file'?: (model: ComposeModel, ctx: RuleContext) => void;
  /** Each service of each Compose file (`x-` extension fields and entries that are not mappings are skipped). */
  'compose:service'?: (service: ComposeService, ctx: RuleContext, model: ComposeModel) => void;
  /** Every Compose file of the run at once, for rules that look across the files of one project. */
  'compose:all'?: (models: readonly ComposeModel[], ctx: RuleContext) => void;
}

export interface Rule {
  meta: RuleMeta;
  handlers: Handlers;
  /**
   * The codes this rule's findings carry (`ReportOptions.code`), for rules that report many kinds of
   * problem. A suppression that names a matching code (`# hadolint ignore=SC2086`) suppresses the
   * rule's findings with that code, as a rule id or alias suppresses all of a rule's findings.
   */
  codes?: RegExp;
  /**
   * A program the rule runs. Such a rule is off unless the config key `enabledBy` (or its flag) is
   * true or the rule is named; selection must refuse to run it when `program` is not on PATH.
   */
  requires?: { program: string; enabledBy: string };
  /** For the meta rules: the engine's own outcome this rule reports (see `EngineOutcome`). */
  reports?: EngineOutcome;
  /** Set by k8slint on rules that come from the project's config (a plugin package, or custom rules as data); absent on built-in rules. */
  origin?: RuleOrigin;
}

/** Where a rule that is not built in comes from: `plugin` (name: the npm package) or `custom` (name: the file that defines it). */
export interface RuleOrigin {
  kind: 'plugin' | 'custom';
  name: string;
}

/**
 * What the engine itself finds, each reported through the meta rule that declares it: a rule that
 * threw, a suppression that matched nothing, a k8slint suppression without a reason.
 */
export type EngineOutcome = 'rule-failure' | 'unused-suppression' | 'suppression-without-reason';

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function targetsOf(rule: Rule): Target[] {
  const keys = Object.keys(rule.handlers);
  const targets: Target[] = [];
  if (keys.some((k) => k.startsWith('dockerfile'))) targets.push('dockerfile');
  if (keys.some((k) => k.startsWith('k8s:'))) targets.push('kubernetes');
  if (keys.some((k) => k.startsWith('compose:'))) targets.push('compose');
  return targets;
}

/** Rule pages at the tag of this release, so a link in a report matches the rules that produced it. */
export const DOCS_BASE = `https://github.com/k8slint/k8slint/blob/v${packageVersion(import.meta.url)}/docs/rules`;
export function docsUrl(id: string): string {
  return `${DOCS_BASE}/${id}.md`;
}

/** The documentation page of a rule: a built-in rule's page of this release, a plugin rule's `meta.docs.url`, else none. */
export function ruleDocsUrl(rule: Rule): string | undefined {
  return rule.origin ? rule.meta.docs?.url : docsUrl(rule.meta.id);
}
