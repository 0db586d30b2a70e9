/**
 * k8slint as a library: lint Dockerfiles and Kubernetes manifests from files or from memory, and list the rules.
 *
 * ```ts
 * import { lintFiles, lintTexts, listRules } from 'k8slint';
 *
 * const { findings, errors, exitCode } = lintFiles(['k8s/', 'Dockerfile'], { cwd: '/repo', failOn: 'error' });
 * const result = lintTexts([{ path: 'Dockerfile', text: 'FROM ubuntu\n' }], { rules: ['unpinned-image'] });
 * ```
 *
 * Findings carry the rule id, severity, message, file, 1-based span and docs URL. Input errors (unreadable
 * or unparseable files) come back in `errors`, not as exceptions; a UsageError (unknown rule, bad option)
 * or a ConfigError (invalid config file) is thrown.
 */
import './app/custom-rules-eager.js';
import { lintProject } from './app/lint-project.js';
import type { FailOn } from './app/defaults.js';
import type { Finding, InputError } from './types.js';

export { lintTexts, type TextFile, type LintTextOptions, type LintTextsResult } from './app/lint-texts.js';
export { listRules, type RuleSummary } from './app/rule-info.js';
export { UsageError, ConfigError } from './app/errors.js';
export { LATEST_KUBERNETES, type FailOn } from './app/defaults.js';
export { VERSION } from './app/version.js';
/** The rule registry (rule objects with metadata and handlers); for tools built on k8slint's internals. */
export { registry } from './app/registry.js';
/** The rule contract and model types, for plugins (see docs/plugins.md). */
export * from './app/rule-contract.js';
export { testRules, type TestRulesOptions, type RuleTestResult, type RuleTestFailure } from './app/test-rules.js';
export { projectRules } from './app/run-rules.js';
export type { Finding, InputError, Span, Severity, SourceKind } from './types.js';

export interface LintFilesOptions {
  /** Paths and the config search resolve against this directory; default: `process.cwd()`. */
  cwd?: string;
  /** Config file; default: the nearest `.k8slint.yaml` at or above `cwd`. */
  configPath?: string;
  /** Run only these rules (ids or aliases; also turns on preview rules); default: the config's, else every stable rule. */
  rules?: string[];
  /** Turn these rules off (ids or aliases). */
  disabled?: string[];
  /** Presets (`strict`, `pss-restricted`…) that replace the config's `preset:` as the base rule set. */
  presets?: string[];
  /** Options per rule id, merged over the config's and the rule's defaults. */
  options?: Record<string, Record<string, unknown>>;
  /** Kubernetes version the manifests target (`1.36`); default: the config's, else {@link LATEST_KUBERNETES}. */
  kubernetesVersion?: string;
  /** Namespace of objects that set no `metadata.namespace`; default: the config's `namespace:`, else `default`. */
  namespace?: string;
  /** Lowest severity that makes `exitCode` 1; default: the config's, else `warning`. */
  failOn?: FailOn;
}

export interface LintFilesResult {
  /** Sorted by file and position. */
  findings: Finding[];
  /** Files that could not be read or parsed (the others are still linted). */
  errors: InputError[];
  /** What the command line would exit with: 2 input errors, 1 findings at or above `failOn`, else 0. */
  exitCode: number;
}

/** Lints files and directories (directories are walked, honouring .gitignore and .k8slintignore), as the command line does. */
export function lintFiles(paths: string[], opts: LintFilesOptions = {}): LintFilesResult {
  const run = lintProject({
    cwd: opts.cwd ?? process.cwd(),
    paths,
    ...(opts.configPath !== undefined && { configPath: opts.configPath }),
    ...(opts.rules && { rules: opts.rules }),
    ...(opts.disabled && { disabled: opts.disabled }),
    ...(opts.presets && { presets: opts.presets }),
    ...(opts.options && { ruleOptions: opts.options }),
    ...(opts.kubernetesVersion !== undefined && { kubernetesVersion: opts.kubernetesVersion.replace(/^v/, '') }),
    ...(opts.namespace !== undefined && { namespace: opts.namespace }),
    ...(opts.failOn !== undefined && { failOn: opts.failOn }),
  });
  return { findings: run.report.findings, errors: run.report.errors, exitCode: run.exitCode };
}
