import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { allRules } from '../../rules/index.js';
import { RuleRegistry } from '../engine/registry.js';
import type { Rule } from '../engine/rule.js';
import { lint, parseFile, type ParsedFile } from '../engine/lint.js';
import { discover } from '../discover/discover.js';
import { readStdinText } from '../discover/read.js';
import { prepareSchemas } from '../schema/setup.js';
import { shellcheckAvailable } from '../engine/shellcheck.js';
import { findConfig, hadolintRuleOptions, loadConfig, type Config, type RuleLevel } from '../config/load.js';
import { formatters, type Report } from '../format/index.js';
import type { Finding, InputError, Severity } from '../types.js';
import { SEVERITY_ORDER } from '../types.js';
import { UsageError, type LintArgs } from './args.js';
import { closest } from '../util/closest.js';

export const LATEST_KUBERNETES = '1.36';
export const registry = new RuleRegistry(allRules);

export interface RunIO {
  cwd: string;
  readStdin(): string;
  stdout(text: string): void;
  stderr(text: string): void;
  colorDefault: boolean;
  version: string;
  /** Show a progress indicator on stderr for runs over many files (stderr is a TTY, not CI). */
  progress?: boolean;
}

export interface Selection {
  rules: Rule[];
  severities: Map<string, Severity>;
  ruleOptions: Map<string, Record<string, unknown>>;
}

/** Which rules run, at which severity, from config and command line. */
export function selectRules(config: Config, only: string[], disabled: string[]): Selection {
  const severities = new Map<string, Severity>();
  const ruleOptions = new Map<string, Record<string, unknown>>();
  const enabled = new Set<Rule>(registry.all.filter((r) => r.meta.status === 'stable' && !r.meta.optIn));
  // hadolint's top-level keys first, so options under `rules:` override them.
  for (const [id, options] of hadolintRuleOptions(config, registry.all)) ruleOptions.set(id, { ...registry.byId(id).meta.options?.defaults, ...options });
  for (const [id, setting] of Object.entries(config.rules)) {
    const rule = registry.byId(id);
    const level: RuleLevel | undefined = typeof setting === 'string' ? setting : setting.severity;
    if (typeof setting === 'object' && setting.options) ruleOptions.set(id, { ...rule.meta.options?.defaults, ...ruleOptions.get(id), ...setting.options });
    if (level === 'off') enabled.delete(rule);
    else if (level !== undefined) {
      enabled.add(rule);
      if (level !== 'on') severities.set(id, level);
    }
  }
  const resolve = (id: string): Rule => {
    const rule = registry.resolve(id);
    if (!rule) {
      const suggestion = closest(id, registry.all.map((r) => r.meta.id));
      throw new UsageError(`unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; see k8slint rules`);
    }
    return rule;
  };
  if (only.length > 0) {
    const chosen = new Set(only.map(resolve));
    for (const rule of [...enabled]) if (!chosen.has(rule) && rule.meta.category !== 'meta') enabled.delete(rule);
    for (const rule of chosen) enabled.add(rule);
  }
  if (config.shellcheck) enabled.add(registry.byId('shellcheck'));
  for (const id of disabled) enabled.delete(resolve(id));
  enabled.add(registry.internalError);
  return { rules: registry.all.filter((r) => enabled.has(r)), severities, ruleOptions };
}

export function exitCode(findings: Finding[], errors: InputError[], failOn: Severity | 'none'): number {
  if (errors.length > 0) return 2;
  if (failOn === 'none') return 0;
  return findings.some((f) => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[failOn]) ? 1 : 0;
}

export interface LintRun {
  /** Everything a formatter needs; findings sorted, errors sorted. */
  report: Report;
  exitCode: number;
  failOn: Severity | 'none';
  /** Milliseconds spent in each rule's handlers (only with `timing`). */
  ruleTimes?: Map<string, number>;
  parseMs: number;
}

export interface RunOptions {
  /** Measure the time of each rule. */
  timing?: boolean;
  /** Called while files are parsed and linted. */
  onProgress?: (done: number, total: number) => void;
}

/** Runs the lint once and returns the result, printing nothing. */
export function lintProject(args: LintArgs, io: Pick<RunIO, 'cwd' | 'readStdin' | 'version'>, runOptions: RunOptions = {}): LintRun {
  const configPath = args.config ?? findConfig(io.cwd);
  const config = loadConfig(configPath, registry.all);
  const selection = selectRules(args.shellcheck ? { ...config, shellcheck: true } : config, args.rules, args.disabled);
  if (selection.rules.some((r) => r.meta.id === 'shellcheck') && !shellcheckAvailable()) {
    throw new UsageError('ShellCheck is on (--shellcheck, `shellcheck: true` or the shellcheck rule) but no `shellcheck` program is on PATH; install it (Debian/Ubuntu: apt-get install shellcheck) or turn it off');
  }
  const stdin = args.kustomize !== undefined ? { text: kustomizeBuild(args.kustomize, io.cwd), filename: args.stdinFilename } : args.paths.includes('-') ? { text: io.readStdin(), filename: args.stdinFilename } : undefined;
  const paths = args.kustomize !== undefined ? [...args.paths.filter((p) => p !== '-'), '-'] : args.paths;
  const discovery = discover(paths, {
    cwd: io.cwd,
    ignorePaths: config.ignorePaths,
    stdin,
  });
  const errors: InputError[] = [...discovery.errors];
  const parsed: ParsedFile[] = [];
  const total = discovery.files.length * 2;
  const parseStart = performance.now();
  discovery.files.forEach((file, i) => {
    const result = parseFile(file);
    if ('message' in result) errors.push(result);
    else parsed.push(result);
    runOptions.onProgress?.(i + 1, total);
  });
  const parseMs = performance.now() - parseStart;
  const kubernetesVersion = args.kubernetesVersion ?? config.kubernetesVersion?.replace(/^v/, '') ?? LATEST_KUBERNETES;
  const schemas = prepareSchemas(parsed, { kubernetesVersion, locations: args.schemaLocations ?? [], crds: args.crds ?? [], cwd: io.cwd });
  errors.push(...schemas.errors);
  if ((args.strictSchemas ?? config.strictSchemas) && !selection.severities.has('unknown-kind-schema')) selection.severities.set('unknown-kind-schema', 'error');
  const ruleTimes = runOptions.timing ? new Map<string, number>() : undefined;
  const onFile = runOptions.onProgress ? (done: number) => runOptions.onProgress!(discovery.files.length + done, total) : undefined;
  const result = lint(parsed, {
    registry,
    ...selection,
    kubernetesVersion,
    schemas: schemas.provider,
    ...(ruleTimes && { ruleTimes }),
    ...(onFile && { onFile }),
  });
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const failOn = args.failOn ?? config.failOn ?? 'warning';
  const report: Report = {
    version: io.version,
    findings: result.findings,
    errors,
    rules: selection.rules,
    sources: new Map(discovery.files.map((f) => [f.displayPath, f.text])),
    root: io.cwd,
  };
  return { report, exitCode: exitCode(result.findings, errors, failOn), failOn, parseMs, ...(ruleTimes && { ruleTimes }) };
}

export function runLint(args: LintArgs, io: RunIO): number {
  const progress = io.progress ? progressPrinter(io.stderr) : undefined;
  const run = lintProject(args, io, { timing: args.timing, onProgress: progress?.update });
  progress?.done();
  const color = args.output ? false : args.color ?? io.colorDefault;
  const text = formatters[args.format](run.report, { color, quiet: args.quiet });
  if (args.output) writeFileSync(args.output, text);
  else io.stdout(text);
  if (run.ruleTimes) io.stderr(timingTable(run.ruleTimes, run.parseMs));
  return run.exitCode;
}

/** Files below this count get no progress indicator. */
export const PROGRESS_MIN_FILES = 200;

/** A one-line `k8slint: 120/2255 files` indicator, redrawn at most every 100 ms, erased at the end. */
function progressPrinter(write: (text: string) => void) {
  let last = 0;
  let shown = false;
  return {
    update: (done: number, total: number) => {
      if (total / 2 <= PROGRESS_MIN_FILES) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const phase = done <= total / 2 ? 'parsing' : 'linting';
      const n = done <= total / 2 ? done : done - total / 2;
      write(`\r\x1b[Kk8slint: ${phase} ${n}/${total / 2} files`);
    },
    done: () => {
      if (shown) write('\r\x1b[K');
    },
  };
}

/** The slowest rules, as a table for stderr. */
export function timingTable(ruleTimes: Map<string, number>, parseMs: number, top = 10): string {
  const rows = [...ruleTimes].sort((a, b) => b[1] - a[1]).slice(0, top);
  const total = [...ruleTimes.values()].reduce((sum, ms) => sum + ms, 0);
  const width = Math.max(4, ...rows.map(([id]) => id.length));
  const lines = [`${'Rule'.padEnd(width)}  ${'Time (ms)'.padStart(10)}  Relative`];
  for (const [id, ms] of rows) lines.push(`${id.padEnd(width)}  ${ms.toFixed(3).padStart(10)}  ${total > 0 ? ((ms / total) * 100).toFixed(1) : '0.0'}%`);
  lines.push(`${'(all rules)'.padEnd(width)}  ${total.toFixed(3).padStart(10)}`, `${'(parsing)'.padEnd(width)}  ${parseMs.toFixed(3).padStart(10)}`);
  return lines.join('\n') + '\n';
}

/** The output of `kubectl kustomize DIR`, linted like stdin. */
export function kustomizeBuild(dir: string, cwd: string): string {
  const run = spawnSync('kubectl', ['kustomize', dir], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `--kustomize needs kubectl on PATH (or run: kustomize build ${dir} | k8slint -)` : `cannot run kubectl kustomize: ${run.error.message}`);
  }
  if (run.status !== 0) throw new UsageError(`kubectl kustomize ${dir} failed (exit ${run.status}): ${run.stderr.trim()}`);
  return run.stdout;
}

export function readStdinSync(): string {
  return readStdinText();
}
