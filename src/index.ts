import { lint, parseFile, type ParsedFile } from './engine/lint.js';
import { registry, selectRules, LATEST_KUBERNETES } from './cli/run.js';
import { classify } from './discover/discover.js';
import type { Finding, InputError, SourceKind } from './types.js';

export type { Finding, InputError, Span, Severity } from './types.js';
export { registry };

export interface LintTextOptions {
  /** Run only these rules (ids or aliases); default: every stable rule. */
  rules?: string[];
  options?: Record<string, Record<string, unknown>>;
  kubernetesVersion?: string;
}

/** Lints in-memory files; used by the fixture runner, the benchmark and embedders. */
export function lintTexts(files: Array<{ path: string; text: string; kind?: SourceKind; dockerignore?: string }>, opts: LintTextOptions = {}): { findings: Finding[]; errors: InputError[] } {
  const config = { ignorePaths: [], rules: Object.fromEntries(Object.entries(opts.options ?? {}).map(([id, options]) => [id, { options }])) };
  const selection = selectRules(config, opts.rules ?? [], []);
  const parsed: ParsedFile[] = [];
  const errors: InputError[] = [];
  for (const file of files) {
    const kind = file.kind ?? classify(file.path) ?? 'kubernetes';
    const result = parseFile({ path: file.path, displayPath: file.path, kind, text: file.text, explicit: true, ...(file.dockerignore !== undefined ? { dockerignore: file.dockerignore } : {}) });
    if ('message' in result) errors.push(result);
    else parsed.push(result);
  }
  const { findings } = lint(parsed, { registry, ...selection, kubernetesVersion: opts.kubernetesVersion ?? LATEST_KUBERNETES });
  return { findings, errors };
}
