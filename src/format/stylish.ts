import { pushAll } from '../util/arrays.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, InputError, Severity } from '../types.js';
import { codeFrame, frameLines } from './code-frame.js';
import { sanitizeLine, truncate } from './sanitize.js';
import { baselineCounts, visibleFindings, type FormatOptions, type Report } from './types.js';
import { DEFAULT_WIDTH, MIN_WIDTH, displayWidth, wrapWords } from './wrap.js';

/**
 * Human-readable output grouped by file, with code frames, laid out for a terminal `options.width`
 * columns wide (80 when not given):
 *
 *     deploy/web.yaml
 *       21:15  error    container "trainer" requests nvidia.com/gpu without a limit;
 *                       set limits.nvidia.com/gpu  gpu-requests-match-limits
 *                       (Deployment/ml/trainer)
 *
 * A message wraps under its own column; the rule id follows the message's last word and is never
 * broken (it moves to a line of its own when it does not fit); the object goes after the rule id
 * when it fits, else on a dimmed line of its own. No row is padded to the longest message.
 * Prints nothing at all when there is nothing to report (no visible findings and no input errors).
 */
export function formatStylish(report: Report, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const findings = visibleFindings(report, options);
  const baseline = baselineCounts(report, options);
  if (findings.length === 0 && report.errors.length === 0)
    return baseline.unchanged > 0 || baseline.absent > 0 ? summary(findings, 0, baseline, chalk).join('\n') + '\n' : '';
  const out: string[] = [];
  for (const [file, group] of groupByFile(findings)) {
    out.push(chalk.underline(sanitizeLine(file)));
    pushAll(out, findingRows(group, report.sources.get(file), width, chalk));
    out.push('');
  }
  if (report.errors.length > 0) pushAll(out, errorRows(report.errors, width, chalk)).push('');
  pushAll(out, summary(findings, report.errors.length, baseline, chalk));
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

/** Characters of a message shown at most. */
const MESSAGE_MAX = 2000;
/** Columns a message gets at least, however wide the position and severity columns are. */
const MESSAGE_MIN = 20;
/** Indent of code frames under a finding. */
const FRAME_INDENT = '    ';

function findingRows(group: Finding[], text: string | undefined, width: number, chalk: ChalkInstance): string[] {
  const lines = text !== undefined ? frameLines(text) : undefined;
  const positions = group.map((f) => `${f.span.line}:${f.span.column}`);
  const posWidth = maxLength(positions);
  const sevWidth = maxLength(group.map((f) => f.severity));
  const indent = 2 + posWidth + 2 + sevWidth + 2;
  const textWidth = Math.max(MESSAGE_MIN, width - indent);
  const hang = ' '.repeat(indent);
  const rows: string[] = [];
  group.forEach((f, i) => {
    const sameLineAsPrevious = i > 0 && group[i - 1]?.span.line === f.span.line;
    if (i > 0 && lines !== undefined && !sameLineAsPrevious) rows.push('');
    const color = severityColor(chalk, f.severity);
    const message = truncate(sanitizeLine(f.message), MESSAGE_MAX);
    // A fixable finding says so after its rule id (`--fix` applies safe fixes; unsafe ones need --unsafe-fixes).
    const ruleId = sanitizeLine(f.ruleId) + (f.fix ? (f.fix.safety === 'safe' ? ' (fixable)' : ' (unsafe fix)') : '');
    const wrapped = wrapWords(message, textWidth, ruleId);
    const body = wrapped.lines.map((line, n) => (n === wrapped.lastLine ? withRuleId(line, wrapped.lastColumn, ruleId, chalk) : line));
    // The object goes after the rule id when the line has room for it, else on dimmed lines of its own.
    const context = sanitizeLine(findingContext(f));
    if (context) {
      const used = wrapped.lastColumn + displayWidth(ruleId);
      const lastIndex = body.length - 1;
      if (used + 1 + displayWidth(context) <= textWidth) body[lastIndex] = `${body[lastIndex] ?? ''} ${chalk.dim(context)}`;
      else body.push(...wrapWords(context, textWidth).lines.map((l) => chalk.dim(l)));
    }
    const lead = '  ' + chalk.dim((positions[i] ?? '').padEnd(posWidth)) + '  ' + color(f.severity.padEnd(sevWidth)) + '  ';
    body.forEach((line, n) => rows.push(trimEnd((n === 0 ? lead : hang) + line)));
    // One frame per line: after the last finding on it, with carets under all of them.
    const lastOnLine = group[i + 1]?.span.line !== f.span.line;
    if (lines !== undefined && lastOnLine) {
      const spans = group.slice(firstOnLine(group, i), i + 1).map((g) => g.span);
      const frame = codeFrame(lines, spans, { gutter: (t) => chalk.dim(t), marker: (t) => color.bold(t) }, width - FRAME_INDENT.length);
      rows.push(...frame.map((line) => FRAME_INDENT + line));
    }
  });
  return rows;
}

/** `line` with the dimmed rule id at display column `column` (two spaces after the text, or alone). */
function withRuleId(line: string, column: number, ruleId: string, chalk: ChalkInstance): string {
  return line + ' '.repeat(Math.max(0, column - displayWidth(line))) + chalk.dim(ruleId);
}

function trimEnd(row: string): string {
  return row.replace(/ +$/, '');
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

function errorRows(errors: InputError[], width: number, chalk: ChalkInstance): string[] {
  const locations = errors.map((e) =>
    sanitizeLine([e.file, e.line, e.line !== undefined ? e.column : undefined].filter((p) => p !== undefined).join(':')),
  );
  // Locations are aligned while they take at most half the line; a longer one gets the message on the next line.
  const locWidth = maxLength(locations.filter((l) => displayWidth(l) <= width / 2));
  const indent = locWidth + 2 + 'error'.length + 2;
  const textWidth = Math.max(MESSAGE_MIN, width - indent);
  const rows: string[] = [];
  errors.forEach((e, i) => {
    const location = locations[i] ?? '';
    const message = wrapWords(truncate(sanitizeLine(e.message), MESSAGE_MAX), textWidth).lines;
    const lead = `${chalk.red('error')}  `;
    if (displayWidth(location) > locWidth) rows.push(location);
    message.forEach((line, n) =>
      rows.push(
        trimEnd(
          (n === 0
            ? (displayWidth(location) > locWidth ? ' '.repeat(locWidth) : location.padEnd(locWidth)) + '  ' + lead
            : ' '.repeat(indent)) + line,
        ),
      ),
    );
  });
  return rows;
}

/** Findings `--fix` repairs (safe fixes), and those only `--fix --unsafe-fixes` does. */
function fixable(findings: readonly Finding[]): { safe: number; unsafe: number } {
  const safe = findings.filter((f) => f.fix?.safety === 'safe').length;
  return { safe, unsafe: findings.filter((f) => f.fix?.safety === 'unsafe').length };
}

function summary(
  findings: Finding[],
  inputErrors: number,
  baseline: { unchanged: number; absent: number },
  chalk: ChalkInstance,
): string[] {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const color = errors > 0 || inputErrors > 0 ? chalk.red.bold : warnings > 0 ? chalk.yellow.bold : chalk.blue.bold;
  const lines: string[] = [];
  if (findings.length > 0) {
    const detail = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info`;
    lines.push(color(`✖ ${plural(findings.length, baseline.unchanged > 0 ? 'new problem' : 'problem')} (${detail})`));
    const canFix = fixable(findings);
    if (canFix.safe > 0 || canFix.unsafe > 0)
      lines.push(`  ${canFix.safe} fixable with --fix${canFix.unsafe > 0 ? ` (${canFix.unsafe} more with --unsafe-fixes)` : ''}`);
  }
  if (inputErrors > 0) lines.push(color(`✖ ${plural(inputErrors, 'input error')}`));
  if (findings.length === 0 && inputErrors === 0) lines.push(chalk.green.bold('✔ no new problems'));
  if (baseline.unchanged > 0) lines.push(chalk.dim(`  ${plural(baseline.unchanged, 'problem')} in the baseline not shown`));
  if (baseline.absent > 0)
    lines.push(
      chalk.dim(
        `  ${plural(baseline.absent, 'baseline entry', 'baseline entries')} no longer found (fixed); --update-baseline prunes the file`,
      ),
    );
  return lines;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
