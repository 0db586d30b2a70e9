import { pushAll } from '../util/arrays.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, InputError, Severity } from '../types.js';
import { codeFrame, frameLines } from './code-frame.js';
import { sanitizeLine, truncate } from './sanitize.js';
import { visibleFindings, type FormatOptions, type Report } from './types.js';

/**
 * Human-readable output grouped by file, with code frames. Prints nothing at all when there is
 * nothing to report (no visible findings and no input errors).
 */
export function formatStylish(report: Report, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const findings = visibleFindings(report, options);
  if (findings.length === 0 && report.errors.length === 0) return '';
  const out: string[] = [];
  for (const [file, group] of groupByFile(findings)) {
    out.push(chalk.underline(sanitizeLine(file)));
    pushAll(out, findingRows(group, report.sources.get(file), chalk));
    out.push('');
  }
  if (report.errors.length > 0) pushAll(out, errorRows(report.errors, chalk)).push('');
  pushAll(out, summary(findings, report.errors.length, chalk));
  return out.join('\n') + '\n';
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

function severityColor(chalk: ChalkInstance, severity: Severity): ChalkInstance {
  return severity === 'error' ? chalk.red : severity === 'warning' ? chalk.yellow : chalk.blue;
}

/** Messages longer than this are not padded to align the rule ids (one long message would pad every row). */
const ALIGN_MAX = 100;
/** Characters of a message shown at most. */
const MESSAGE_MAX = 2000;

function findingRows(group: Finding[], text: string | undefined, chalk: ChalkInstance): string[] {
  const lines = text !== undefined ? frameLines(text) : undefined;
  const positions = group.map((f) => `${f.span.line}:${f.span.column}`);
  const messages = group.map((f) => truncate(sanitizeLine(f.message), MESSAGE_MAX));
  const posWidth = maxLength(positions);
  const sevWidth = maxLength(group.map((f) => f.severity));
  const msgWidth = Math.min(ALIGN_MAX, maxLength(messages));
  const rows: string[] = [];
  group.forEach((f, i) => {
    const sameLineAsPrevious = i > 0 && group[i - 1]?.span.line === f.span.line;
    if (i > 0 && lines !== undefined && !sameLineAsPrevious) rows.push('');
    const color = severityColor(chalk, f.severity);
    const context = sanitizeLine(findingContext(f));
    rows.push(
      '  ' +
        chalk.dim((positions[i] ?? '').padEnd(posWidth)) +
        '  ' +
        color(f.severity.padEnd(sevWidth)) +
        '  ' +
        (messages[i] ?? '').padEnd(msgWidth) +
        '  ' +
        chalk.dim(sanitizeLine(f.ruleId)) +
        (context ? ' ' + chalk.dim(context) : ''),
    );
    // One frame per line: after the last finding on it, with carets under all of them.
    const lastOnLine = group[i + 1]?.span.line !== f.span.line;
    if (lines !== undefined && lastOnLine) {
      const spans = group.slice(firstOnLine(group, i), i + 1).map((g) => g.span);
      const frame = codeFrame(lines, spans, { gutter: (t) => chalk.dim(t), marker: (t) => color.bold(t) });
      rows.push(...frame.map((line) => '    ' + line));
    }
  });
  return rows;
}

function firstOnLine(group: Finding[], i: number): number {
  let first = i;
  while (first > 0 && group[first - 1]?.span.line === group[i]?.span.line) first--;
  return first;
}

function maxLength(values: string[]): number {
  let max = 0;
  for (const value of values) max = Math.max(max, value.length);
  return max;
}

/** `(Deployment/default/web, from chart/templates/web.yaml)`, or '' when neither is known. */
function findingContext(f: Finding): string {
  const parts = [f.object, f.source !== undefined ? `from ${f.source}` : undefined].filter((p): p is string => !!p);
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

function errorRows(errors: InputError[], chalk: ChalkInstance): string[] {
  const locations = errors.map((e) =>
    sanitizeLine([e.file, e.line, e.line !== undefined ? e.column : undefined].filter((p) => p !== undefined).join(':')),
  );
  const width = Math.min(ALIGN_MAX, maxLength(locations));
  return errors.map(
    (e, i) => `${(locations[i] ?? '').padEnd(width)}  ${chalk.red('error')}  ${truncate(sanitizeLine(e.message), MESSAGE_MAX)}`,
  );
}

function summary(findings: Finding[], inputErrors: number, chalk: ChalkInstance): string[] {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const color = errors > 0 || inputErrors > 0 ? chalk.red.bold : warnings > 0 ? chalk.yellow.bold : chalk.blue.bold;
  const lines: string[] = [];
  if (findings.length > 0) {
    const detail = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info`;
    lines.push(color(`✖ ${plural(findings.length, 'problem')} (${detail})`));
  }
  if (inputErrors > 0) lines.push(color(`✖ ${plural(inputErrors, 'input error')}`));
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
