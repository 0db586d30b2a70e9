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
  /** For a Dockerfile: the text of the `.dockerignore` that applies to it (`<name>.dockerignore` or `.dockerignore` in its directory), when there is one. */
  dockerignore?: string;
  /** The project folder the file belongs to (see src/app/projects.ts); unset: one project for the whole run. */
  project?: string;
  /** What makes `project` a project: a Helm chart (`Chart.yaml`), a repository, the path named on the command line, or stdin. */
  projectKind?: 'chart' | 'repository' | 'path' | 'stdin';
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  message: string;
  file: string;
  span: Span;
  docsUrl: string;
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
