import type { Finding, InputError, Severity } from '../types.js';
import { STDIN_NAME } from './location.js';
import { sanitizeForTerminal } from './sanitize.js';
import { visibleFindings, type FormatOptions, type Report } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands, one annotation per line. */
export function formatGithub(report: Report, options: FormatOptions): string {
  const lines = [...visibleFindings(report, options).map(findingCommand), ...report.errors.map(errorCommand)];
  return lines.map((line) => line + '\n').join('');
}

function findingCommand(f: Finding): string {
  const { line, column, endLine, endColumn } = f.span;
  if (f.file === STDIN_NAME) {
    // Unnamed stdin (`helm template … | k8slint -`): annotate the Helm template the finding came
    // from (its line numbers are those of the rendered output, so none is given), or no file at all.
    const where = `${f.source ? '' : `${STDIN_NAME} `}rendered line ${line}`;
    return command(COMMAND[f.severity], { file: f.source, title: f.ruleId }, `${f.message} (${where})`);
  }
  // GitHub rejects columns on annotations that span several lines.
  const columns = line === endLine ? { col: column, endLine, endColumn } : { endLine };
  const message = f.source ? `${f.message} (from ${f.source})` : f.message;
  return command(COMMAND[f.severity], { file: f.file, line, ...columns, title: f.ruleId }, message);
}

function errorCommand(e: InputError): string {
  return command('error', { file: e.file, line: e.line, col: e.column }, e.message);
}

function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ' ' + props : ''}::${escapeData(message)}`;
}

/** Workflow-command escaping, then terminal escapes and other control characters shown as `\x1b` (the log is a terminal). */
export function escapeData(value: string): string {
  return sanitizeForTerminal(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
