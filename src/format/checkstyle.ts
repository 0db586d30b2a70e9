import type { Finding, InputError } from '../types.js';
import { xmlEscape } from './location.js';
import { visibleFindings, type FormatOptions, type Report } from './types.js';

/**
 * Checkstyle XML, read by Jenkins (warnings-ng), reviewdog, Danger and many code review tools:
 * `<checkstyle><file name><error line column severity message source/></file></checkstyle>`.
 * `source` is `k8slint.<rule-id>`; input errors use `k8slint.input-error`.
 */
export function formatCheckstyle(report: Report, options: FormatOptions): string {
  const byFile = new Map<string, string[]>();
  const add = (file: string, line: string) => {
    const rows = byFile.get(file);
    if (rows) rows.push(line);
    else byFile.set(file, [line]);
  };
  for (const f of visibleFindings(report, options)) add(f.file, findingError(f));
  for (const e of report.errors) add(e.file, inputError(e));
  const files = [...byFile.keys()].sort().map((file) => `  <file name="${xmlEscape(file)}">\n${byFile.get(file)!.join('\n')}\n  </file>`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n' +
    (files.length > 0 ? files.join('\n') + '\n' : '') +
    '</checkstyle>\n'
  );
}

function findingError(f: Finding): string {
  const message = f.source ? `${f.message} (from ${f.source})` : f.message;
  return `    <error line="${f.span.line}" column="${f.span.column}" severity="${f.severity}" message="${xmlEscape(message)}" source="k8slint.${xmlEscape(f.ruleId)}"/>`;
}

function inputError(e: InputError): string {
  const position = `${e.line !== undefined ? ` line="${e.line}"` : ' line="1"'}${e.column !== undefined ? ` column="${e.column}"` : ''}`;
  return `    <error${position} severity="error" message="${xmlEscape(e.message)}" source="k8slint.input-error"/>`;
}
