import { checkOutputPath, WriteError, writeFileAtomic } from '../util/atomic-write.js';
import { readStdinText } from '../app/stdin.js';
import { UsageError } from '../app/errors.js';
import { resolve } from 'node:path';
import { lintProject, type LintProjectOptions } from '../app/lint-project.js';
import { formatters, sanitizeLine } from '../app/formats.js';
import type { LintArgs } from './args.js';
import { runFix } from './fix.js';
import { kustomizeRender } from './kustomize.js';
import type { KustomizeRendering } from '../app/kustomize-origins.js';
import { helmTemplate } from './helm.js';
import { existsSync } from 'node:fs';
import type { InputError } from '../types.js';
import { schemaLocationProblem } from '../app/schema-location.js';

// Kept for callers that imported them from here before src/app existed.
export { registry } from '../app/registry.js';
export { selectRules, type Selection } from '../app/select.js';
export { LATEST_KUBERNETES } from '../app/defaults.js';
export { exitCode } from '../app/exit-code.js';

export interface RunIO {
  cwd: string;
  readStdin: (limitBytes: number) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  colorDefault: boolean;
  version: string;
  /** Show a progress indicator on stderr for runs over many files (stderr is a TTY, not CI). */
  progress?: boolean;
  /** Columns of the terminal stdout is (undefined when it is not one). */
  columns?: number;
}

/** The flags that name files, checked before anything is linted: a clear message instead of a bare ENOENT later. */
function checkNamedFiles(args: LintArgs, cwd: string): void {
  if (args.config !== undefined && !existsSync(resolve(cwd, args.config)))
    throw new UsageError(`--config ${args.config}: no such file (the config file to use instead of the nearest .k8slint.yaml)`);
  for (const location of args.schemaLocations ?? []) {
    const problem = schemaLocationProblem(location, cwd);
    if (problem) throw new UsageError(`--schema-location ${location}: ${problem}`);
  }
}

/** The application's options for what the command line asked (with --kustomize or --helm, its output stands for stdin). */
export function lintOptionsFromArgs(args: LintArgs, io: Pick<RunIO, 'cwd' | 'readStdin' | 'version'>): LintProjectOptions {
  const { kustomize, helm } = args;
  let rendering: KustomizeRendering | undefined;
  const render = (dir: string): KustomizeRendering => (rendering ??= kustomizeRender(dir, io.cwd));
  const generated =
    kustomize !== undefined ? () => render(kustomize).text : helm !== undefined ? () => helmTemplate(helm, io.cwd) : undefined;
  return {
    cwd: io.cwd,
    paths: generated !== undefined ? [...args.paths.filter((p) => p !== '-'), '-'] : args.paths,
    readStdin: generated ?? io.readStdin,
    // Findings move to the source file of each object; those whose origin is unknowable stay on `<kustomize DIR>`.
    ...(kustomize !== undefined && { kustomizeRendering: () => render(kustomize), stdinFilename: `<kustomize ${kustomize}>` }),
    version: io.version,
    rules: args.rules,
    disabled: args.disabled,
    ...(args.presets.length > 0 && { presets: args.presets }),
    ...(args.config !== undefined && { configPath: resolve(io.cwd, args.config) }),
    ...(args.stdinFilename !== undefined && { stdinFilename: args.stdinFilename }),
    ...(args.kubernetesVersion !== undefined && { kubernetesVersion: args.kubernetesVersion }),
    ...(args.namespace !== undefined && { namespace: args.namespace }),
    ...(args.failOn !== undefined && { failOn: args.failOn }),
    ...(args.shellcheck && { shellcheck: true }),
    ...(args.schemaLocations && { schemaLocations: args.schemaLocations }),
    ...(args.cacheLocation !== undefined && { cacheLocation: resolve(io.cwd, args.cacheLocation) }),
    ...(args.cache && { cache: true }),
    ...(args.crds && { crds: args.crds }),
    ...(args.policies && { policyPaths: args.policies }),
    ...(args.strictSchemas !== undefined && { strictSchemas: args.strictSchemas }),
    ...(args.workers !== undefined && { workers: args.workers }),
    ...(args.allowEmpty && { allowEmpty: true }),
    // Generated output (kustomize, helm) is manifests whatever --type says about the files.
    ...(args.type !== undefined && generated === undefined && { type: args.type }),
    ...(args.baseline !== undefined && { baseline: args.baseline }),
    ...(args.updateBaseline && { updateBaseline: true }),
  };
}

export function runLint(args: LintArgs, io: RunIO): number {
  // Refuse an output that would overwrite an input, or that cannot be written, before linting anything.
  const outputProblem = args.output
    ? checkOutputPath(
        args.output,
        args.paths.filter((p) => p !== '-'),
        io.cwd,
      )
    : undefined;
  if (outputProblem) throw new UsageError(outputProblem);
  if (args.fix) return runFix(args, io);
  checkNamedFiles(args, io.cwd);
  const progress = io.progress ? progressPrinter(io.stderr) : undefined;
  const run = lintProject({
    ...lintOptionsFromArgs(args, io),
    ...(args.timing && { timing: true }),
    ...(progress && { onProgress: progress.update }),
  });
  progress?.done();
  const color = args.output ? false : (args.color ?? io.colorDefault);
  const width = args.width ?? (args.output ? undefined : io.columns);
  const text = formatters[args.format](run.report, { color, quiet: args.quiet, ...(width !== undefined && { width }) });
  if (args.output) {
    try {
      writeFileAtomic(resolve(io.cwd, args.output), text);
    } catch (error) {
      if (error instanceof WriteError) throw new UsageError(error.message);
      throw error;
    }
  } else io.stdout(text);
  if (run.ruleTimes) io.stderr(timingTable(run.ruleTimes, run.parseMs));
  if (!args.quiet) for (const notice of run.notices) io.stderr(`k8slint: info: ${sanitizeLine(notice)}\n`);
  if (run.nothingLinted !== undefined)
    io.stderr(
      `k8slint: ${sanitizeLine(run.nothingLinted)}${run.exitCode === 2 ? ' (exit 2; --allow-empty or allowEmpty: true in the config to pass)' : ''}\n`,
    );
  // Whatever the format and wherever the report went, a failing run says why on stderr (a CI log shows it).
  if (run.exitCode === 2 && run.report.errors.length > 0) io.stderr(inputErrorLines(run.report.errors));
  if (run.baselineWritten)
    io.stderr(
      `k8slint: wrote ${run.baselineWritten.findings} finding${run.baselineWritten.findings === 1 ? '' : 's'} to the baseline ${run.baselineWritten.file}\n`,
    );
  return run.exitCode;
}

/** Input errors as `k8slint: file:line:column: message` lines, at most `max` of them. */
export function inputErrorLines(errors: readonly InputError[], max = 20): string {
  const lines = errors.slice(0, max).map((e) => {
    const where = [e.file || '(k8slint)', e.line, e.line !== undefined ? e.column : undefined].filter((p) => p !== undefined).join(':');
    return `k8slint: ${sanitizeLine(`${where}: ${e.message}`)}`;
  });
  if (errors.length > max) lines.push(`k8slint: … and ${errors.length - max} more input errors`);
  lines.push(`k8slint: exit 2: ${errors.length} input error${errors.length === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
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
  for (const [id, ms] of rows)
    lines.push(`${id.padEnd(width)}  ${ms.toFixed(3).padStart(10)}  ${total > 0 ? ((ms / total) * 100).toFixed(1) : '0.0'}%`);
  lines.push(
    `${'(all rules)'.padEnd(width)}  ${total.toFixed(3).padStart(10)}`,
    `${'(parsing)'.padEnd(width)}  ${parseMs.toFixed(3).padStart(10)}`,
  );
  return lines.join('\n') + '\n';
}

export function readStdinSync(limitBytes: number): string {
  return readStdinText(limitBytes);
}
