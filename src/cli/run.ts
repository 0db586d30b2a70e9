import { checkOutputPath, WriteError, writeFileAtomic } from '../util/atomic-write.js';
import { readStdinText } from '../app/stdin.js';
import { UsageError } from '../app/errors.js';
import { resolve } from 'node:path';
import { lintProject, type LintProjectOptions } from '../app/lint-project.js';
import { formatters } from '../app/formats.js';
import type { LintArgs } from './args.js';
import { kustomizeRender } from './kustomize.js';
import type { KustomizeRendering } from '../app/kustomize-origins.js';
import { runFix } from './fix.js';

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
}

/** The application's options for what the command line asked (with --kustomize, its output stands for stdin). */
export function lintOptionsFromArgs(args: LintArgs, io: Pick<RunIO, 'cwd' | 'readStdin' | 'version'>): LintProjectOptions {
  const kustomize = args.kustomize;
  let rendering: KustomizeRendering | undefined;
  const render = (dir: string): KustomizeRendering => (rendering ??= kustomizeRender(dir, io.cwd));
  return {
    cwd: io.cwd,
    paths: kustomize !== undefined ? [...args.paths.filter((p) => p !== '-'), '-'] : args.paths,
    readStdin: kustomize !== undefined ? () => render(kustomize).text : io.readStdin,
    // Findings move to the source file of each object; those whose origin is unknowable stay on `<kustomize DIR>`.
    ...(kustomize !== undefined && { kustomizeRendering: () => render(kustomize), stdinFilename: `<kustomize ${kustomize}>` }),
    version: io.version,
    rules: args.rules,
    disabled: args.disabled,
    ...(args.presets.length > 0 && { presets: args.presets }),
    ...(args.config !== undefined && { configPath: args.config }),
    ...(args.stdinFilename !== undefined && { stdinFilename: args.stdinFilename }),
    ...(args.kubernetesVersion !== undefined && { kubernetesVersion: args.kubernetesVersion }),
    ...(args.failOn !== undefined && { failOn: args.failOn }),
    ...(args.shellcheck && { shellcheck: true }),
    ...(args.schemaLocations && { schemaLocations: args.schemaLocations }),
    ...(args.cacheLocation !== undefined && { cacheLocation: resolve(io.cwd, args.cacheLocation) }),
    ...(args.crds && { crds: args.crds }),
    ...(args.strictSchemas !== undefined && { strictSchemas: args.strictSchemas }),
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
  const progress = io.progress ? progressPrinter(io.stderr) : undefined;
  const run = lintProject({
    ...lintOptionsFromArgs(args, io),
    ...(args.timing && { timing: true }),
    ...(progress && { onProgress: progress.update }),
  });
  progress?.done();
  const color = args.output ? false : (args.color ?? io.colorDefault);
  const text = formatters[args.format](run.report, { color, quiet: args.quiet });
  if (args.output) {
    try {
      writeFileAtomic(resolve(io.cwd, args.output), text);
    } catch (error) {
      if (error instanceof WriteError) throw new UsageError(error.message);
      throw error;
    }
  } else io.stdout(text);
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
