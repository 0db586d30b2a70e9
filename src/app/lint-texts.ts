import { lint, parseFile, type ParsedFile } from '../engine/lint.js';
import { classify } from '../discover/discover.js';
import type { Config } from '../config/load.js';
import type { Finding, InputError, SourceKind } from '../types.js';
import { LATEST_KUBERNETES } from './defaults.js';
import { registry } from './registry.js';
import { selectRules } from './select.js';
import { baseSelection } from './presets.js';

/** An in-memory file to lint. */
export interface TextFile {
  /** Shown in findings; also classifies the file (Dockerfile or Kubernetes YAML) unless `kind` is given. */
  path: string;
  text: string;
  kind?: SourceKind;
  /** For a Dockerfile: the text of the `.dockerignore` that applies to it. */
  dockerignore?: string;
}

export interface LintTextOptions {
  /** Run only these rules (ids or aliases; also turns on preview rules); default: every stable rule that is not opt-in. */
  rules?: readonly string[];
  /** Turn these rules off (ids or aliases). */
  disabled?: readonly string[];
  /** Presets (`strict`, `pss-restricted`…) as the base rule set instead of the default one; an unknown one is a UsageError. */
  presets?: readonly string[];
  /** Options per rule id, merged over the rule's defaults. */
  options?: Readonly<Record<string, Record<string, unknown>>>;
  /** Default: the latest bundled version. */
  kubernetesVersion?: string;
  /** Namespace of objects that set none; default `default`. */
  namespace?: string;
}

export interface LintTextsResult {
  findings: Finding[];
  errors: InputError[];
}

/** Lints in-memory files with the bundled schemas and no config file; no file system access. */
export function lintTexts(files: readonly TextFile[], opts: LintTextOptions = {}): LintTextsResult {
  const config: Config = {
    ignorePaths: [],
    rules: Object.fromEntries(Object.entries(opts.options ?? {}).map(([id, options]) => [id, { options }])),
  };
  const kubernetesVersion = opts.kubernetesVersion ?? LATEST_KUBERNETES;
  const selection = selectRules(config, opts.rules ?? [], opts.disabled ?? [], baseSelection(opts.presets ?? [], [], kubernetesVersion));
  const parsed: ParsedFile[] = [];
  const errors: InputError[] = [];
  for (const file of files) {
    const kind = file.kind ?? classify(file.path) ?? 'kubernetes';
    const result = parseFile({
      path: file.path,
      displayPath: file.path,
      kind,
      text: file.text,
      explicit: true,
      ...(file.dockerignore !== undefined ? { dockerignore: file.dockerignore } : {}),
    });
    if ('message' in result) errors.push(result);
    else parsed.push(result);
  }
  const { findings } = lint(parsed, {
    registry,
    ...selection,
    kubernetesVersion,
    ...(opts.namespace !== undefined && { defaultNamespace: opts.namespace }),
  });
  return { findings, errors };
}
