import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, InputError, Severity } from '../types.js';
import { codeFrame } from './code-frame.js';
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
    out.push(chalk.underline(file), ...findingRows(group, report.sources.get(file), chalk), '');
  }
  if (report.errors.length > 0) out.push(...errorRows(report.errors, chalk), '');
  out.push(...summary(findings, report.errors.length, chalk));
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

function findingRows(group: Finding[], text: string | undefined, chalk: ChalkInstance): string[] {
  const positions = group.map((f) => `${f.span.line}:${f.span.column}`);
  const posWidth = Math.max(...positions.map((p) => p.length));
  const sevWidth = Math.max(...group.map((f) => f.severity.length));
  const msgWidth = Math.max(...group.map((f) => f.message.length));
  const rows: string[] = [];
  group.forEach((f, i) => {
    if (i > 0 && text !== undefined) rows.push('');
    const color = severityColor(chalk, f.severity);
    const context = findingContext(f);
    rows.push(
      '  ' +
        chalk.dim(positions[i]!.padEnd(posWidth)) + // positions has one entry per finding
        '  ' +
        color(f.severity.padEnd(sevWidth)) +
        '  ' +
        f.message.padEnd(msgWidth) +
        '  ' +
        chalk.dim(f.ruleId) +
        (context ? ' ' + chalk.dim(context) : ''),
    );
    if (text !== undefined) {
      const frame = codeFrame(text, f.span, { gutter: (t) => chalk.dim(t), marker: (t) => color.bold(t) });
      rows.push(...frame.map((line) => '    ' + line));
    }
  });
  return rows;
}

/** `(Deployment/default/web, from chart/templates/web.yaml)`, or '' when neither is known. */
function findingContext(f: Finding): string {
  const parts = [f.object, f.source !== undefined ? `from ${f.source}` : undefined].filter((p): p is string => !!p);
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

function errorRows(errors: InputError[], chalk: ChalkInstance): string[] {
  const locations = errors.map((e) => [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((p) => p !== undefined).join(':'));
  const width = Math.max(...locations.map((l) => l.length));
  return errors.map((e, i) => `${locations[i]!.padEnd(width)}  ${chalk.red('error')}  ${e.message}`);
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
