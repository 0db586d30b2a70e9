import type { Report } from '../format/types.js';
import type { FailOn } from './defaults.js';

/** One lint run over a project: everything a formatter, an exit code or an embedder needs. */
export interface LintRun {
  /** Findings sorted, input errors sorted, the rules that ran, the sources. */
  report: Report;
  exitCode: number;
  failOn: FailOn;
  /** Milliseconds spent in each rule's handlers (only with `timing`). */
  ruleTimes?: Map<string, number>;
  parseMs: number;
  /** Threads that linted (1: the main thread alone) and how many files worker threads linted. */
  threads: { count: number; filesByWorkers: number };
  /** Info lines about inputs recognised and not linted (Helm templates, Compose files): for stderr, not the report. */
  notices: string[];
  /** Why the run linted nothing ("no Dockerfile, manifest or Compose file found under …"); exit 2 unless allowEmpty. */
  nothingLinted?: string;
  /** Set when the run rewrote the baseline (`updateBaseline`): the file and the findings it now holds. */
  baselineWritten?: { file: string; findings: number };
}
