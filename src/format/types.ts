import type { Finding, InputError } from '../types.js';
import type { Rule } from '../engine/rule.js';

export interface Report {
  /** k8slint version. */
  version: string;
  /** Already sorted. */
  findings: Finding[];
  errors: InputError[];
  /** Every enabled rule. */
  rules: Rule[];
  /** displayPath -> file text, for code frames and fingerprints. */
  sources: Map<string, string>;
  /** Absolute directory the display paths are relative to; defaults to process.cwd(). */
  root?: string;
  /** Set when the run compared its findings with a baseline file (`--baseline`). */
  baseline?: BaselineMarks;
}

/** What a baseline made of a run's findings. */
export interface BaselineMarks {
  /** The baseline file, as given. */
  file: string;
  /** Findings the baseline holds: SARIF and JSON mark them `unchanged`, other formats leave them out, the exit code ignores them. */
  unchanged: ReadonlySet<Finding>;
  /** Baseline entries (counted one per finding) that no finding of this run matched: fixed since. */
  absent: number;
}

export interface FormatOptions {
  color: boolean;
  /** Only error-severity findings (input errors are always shown). */
  quiet?: boolean;
  /** Terminal columns the stylish report is laid out for (default 80). */
  width?: number;
}

/** Returns the whole output; non-empty output ends with a newline. */
export type Formatter = (report: Report, options: FormatOptions) => string;

/**
 * The findings a format shows: errors only when quiet; baselined findings only for the formats that
 * mark them (`withBaselined`: SARIF and JSON), the others show new findings only.
 */
export function visibleFindings(report: Report, options: FormatOptions, withBaselined = false): Finding[] {
  const unchanged = report.baseline?.unchanged;
  return report.findings.filter(
    (f) => (!options.quiet || f.severity === 'error') && (withBaselined || unchanged === undefined || !unchanged.has(f)),
  );
}

/** Visible findings the baseline holds, and baseline entries no longer found (zeros without a baseline). */
export function baselineCounts(report: Report, options: FormatOptions): { unchanged: number; absent: number } {
  const marks = report.baseline;
  if (!marks) return { unchanged: 0, absent: 0 };
  const unchanged = report.findings.filter((f) => marks.unchanged.has(f) && (!options.quiet || f.severity === 'error')).length;
  return { unchanged, absent: marks.absent };
}

/** `new` or `unchanged` when the run used a baseline, else undefined. */
export function baselineState(report: Report, f: Finding): 'new' | 'unchanged' | undefined {
  if (!report.baseline) return undefined;
  return report.baseline.unchanged.has(f) ? 'unchanged' : 'new';
}

/** Splits on LF, CRLF or lone CR. */
export function sourceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
