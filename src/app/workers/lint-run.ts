import {
  finishLint,
  lint,
  lintFileRaw,
  prepareLint,
  type LintOptions,
  type LintResult,
  type ParsedFile,
  type RawFinding,
} from '../../engine/lint.js';
import type { LintPool } from './pool.js';

/**
 * Lints the parsed files of a run (`parsedByIndex[i]` is the model of the run's i-th file, undefined
 * when it did not parse). With a pool, worker threads lint the files they claim and the main thread
 * the rest; the findings are merged in file order before the run-wide rules and suppressions, so the
 * report is the same whatever the number of threads.
 */
export function lintRun(
  parsedByIndex: ReadonlyArray<ParsedFile | undefined>,
  options: LintOptions,
  pool: LintPool | undefined,
): Omit<LintResult, 'errors'> & { filesByWorkers: number } {
  const parsed = parsedByIndex.filter((f): f is ParsedFile => f !== undefined);
  if (!pool) return { ...lint(parsed, options), filesByWorkers: 0 };
  const prepared = prepareLint(parsed, options);
  let done = 0;
  const progress = (): void => options.onFile?.(++done);
  const own = new Map<number, RawFinding[]>();
  try {
    pool.ready(prepared.schemas);
  } catch {
    // The schemas would not go across (a value structured clone refuses): the main thread lints everything.
    pool.close();
  }
  // K8SLINT_WORKERS_ONLY=1 (tests): the main thread leaves every file to the workers.
  const mainClaims = process.env.K8SLINT_WORKERS_ONLY !== '1';
  for (let i = mainClaims ? pool.claim() : undefined; i !== undefined; i = pool.claim()) {
    const file = parsedByIndex[i];
    own.set(i, file ? lintFileRaw(file, prepared) : []);
    progress();
    for (let k = pool.drain().length; k > 0; k--) progress();
  }
  const pending = new Set<number>();
  for (let i = 0; i < parsedByIndex.length; i++) if (!own.has(i)) pending.add(i);
  pool.wait(pending, progress);
  pool.close();
  if (options.ruleTimes) pool.addTimes(options.ruleTimes);
  const byDisplayPath = new Map(parsed.map((f) => [f.source.displayPath, f]));
  const perFile: RawFinding[][] = [];
  let filesByWorkers = 0;
  parsedByIndex.forEach((file, i) => {
    if (!file) return;
    const fromWorker = own.has(i) ? undefined : pool.findingsOf(i, file, options.registry, byDisplayPath);
    if (fromWorker) filesByWorkers++;
    // A file a worker failed on (or held when the workers stalled) is linted here.
    perFile.push(own.get(i) ?? fromWorker ?? lintFileRaw(file, prepared));
  });
  return { ...finishLint(parsed, perFile, prepared), filesByWorkers };
}
