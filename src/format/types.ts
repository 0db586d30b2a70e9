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
}

export interface FormatOptions {
  color: boolean;
  /** Only error-severity findings (input errors are always shown). */
  quiet?: boolean;
}

/** Returns the whole output; non-empty output ends with a newline. */
export type Formatter = (report: Report, options: FormatOptions) => string;

export function visibleFindings(report: Report, options: FormatOptions): Finding[] {
  return options.quiet ? report.findings.filter((f) => f.severity === 'error') : report.findings;
}

/** Splits on LF, CRLF or lone CR. */
export function sourceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
