import type { Finding, InputError } from '../types.js';
import { baselineState, visibleFindings, type FormatOptions, type Report } from './types.js';

export function formatJson(report: Report, options: FormatOptions): string {
  const output = {
    version: report.version,
    findings: visibleFindings(report, options, true).map((f) => findingToJson(f, baselineState(report, f))),
    errors: report.errors.map(errorToJson),
    ...(report.baseline && { baseline: { file: report.baseline.file, absent: report.baseline.absent } }),
  };
  return JSON.stringify(output, null, 2) + '\n';
}

function findingToJson(f: Finding, state: 'new' | 'unchanged' | undefined): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    message: f.message,
    file: f.file,
    line: f.span.line,
    column: f.span.column,
    endLine: f.span.endLine,
    endColumn: f.span.endColumn,
    ...(f.docsUrl !== undefined && { docsUrl: f.docsUrl }),
    ...(f.object !== undefined && { object: f.object }),
    ...(f.source !== undefined && { source: f.source }),
    ...(f.fix && {
      fix: {
        safety: f.fix.safety,
        description: f.fix.description,
        edits: f.fix.edits.map(({ line, column, endLine, endColumn, text }) => ({ file: f.file, line, column, endLine, endColumn, text })),
      },
    }),
    ...(state !== undefined && { baselineState: state }),
  };
}

function errorToJson(e: InputError): Record<string, unknown> {
  return { file: e.file, ...(e.line !== undefined && { line: e.line }), message: e.message };
}
