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
): Omit<LintResult, 'errors'> {
  const parsed = parsedByIndex.filter((f): f is ParsedFile => f !== undefined);
  if (!pool) return lint(parsed, options);
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
  for (let i = pool.claim(); i !== undefined; i = pool.claim()) {
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
  parsedByIndex.forEach((file, i) => {
    if (!file) return;
    // A file a worker failed on (or held when the workers stalled) is linted here.
    perFile.push(own.get(i) ?? pool.findingsOf(i, file, options.registry, byDisplayPath) ?? lintFileRaw(file, prepared));
  });
  return finishLint(parsed, perFile, prepared);
}
