import type { Finding, InputError } from '../types.js';
import { xmlEscape, xmlText } from './location.js';
import { visibleFindings, type FormatOptions, type Report } from './types.js';

/**
 * JUnit XML for test reporters (GitLab, Jenkins, Azure DevOps, CircleCI): one `<testsuite>` per
 * linted file; each error or warning finding is a failed `<testcase>`, each info finding a passed
 * one that carries its text in `<system-out>` (information is not a failure), each input error an
 * errored one, and a file with none of them gets one passing test case so that reporters count it.
 */
export function formatJunit(report: Report, options: FormatOptions): string {
  const findings = visibleFindings(report, options);
  const files = new Map<string, { findings: Finding[]; errors: InputError[] }>();
  const entry = (file: string) => {
    let e = files.get(file);
    if (!e) files.set(file, (e = { findings: [], errors: [] }));
    return e;
  };
  for (const file of report.sources.keys()) entry(file);
  for (const f of findings) entry(f.file).findings.push(f);
  for (const e of report.errors) entry(e.file || '(k8slint)').errors.push(e);
  const names = [...files.keys()].sort();

  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const [index, name] of names.entries()) {
    const { findings: fs, errors: es } = files.get(name)!;
    const cases: string[] = [];
    for (const f of fs) cases.push(findingCase(f));
    for (const e of es) cases.push(errorCase(e));
    if (cases.length === 0) cases.push(`    <testcase name="k8slint" classname="${xmlEscape(name)}" file="${xmlEscape(name)}" time="0"/>`);
    tests += cases.length;
    const failed = fs.filter(isFailure).length;
    failures += failed;
    suites.push(
      `  <testsuite name="${xmlEscape(name)}" id="${index}" tests="${cases.length}" failures="${failed}" errors="${es.length}" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="k8slint" tests="${tests}" failures="${failures}" errors="${report.errors.length}" time="0">\n` +
    (suites.length > 0 ? suites.join('\n') + '\n' : '') +
    '</testsuites>\n'
  );
}

/** Info findings are information, not failed tests. */
const isFailure = (f: Finding): boolean => f.severity !== 'info';

function findingCase(f: Finding): string {
  const where = `${f.file}:${f.span.line}:${f.span.column}`;
  const body = [
    `${f.severity}: ${f.message}`,
    `at ${where}`,
    ...(f.object ? [`object: ${f.object}`] : []),
    ...(f.source ? [`Helm source: ${f.source}`] : []),
    f.docsUrl !== undefined ? `rule: ${f.ruleId} (${f.docsUrl})` : `rule: ${f.ruleId}`,
  ].join('\n');
  const open = `    <testcase name="${xmlEscape(`${f.ruleId} ${where}`)}" classname="${xmlEscape(f.file)}" file="${xmlEscape(f.file)}" line="${f.span.line}" time="0">\n`;
  if (!isFailure(f)) return open + `      <system-out>${xmlText(body)}</system-out>\n` + '    </testcase>';
  return (
    open +
    `      <failure message="${xmlEscape(f.message)}" type="${xmlEscape(f.severity)}">${xmlText(body)}</failure>\n` +
    '    </testcase>'
  );
}

function errorCase(e: InputError): string {
  const where = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((p) => p !== undefined && p !== '').join(':');
  return (
    `    <testcase name="${xmlEscape(`input-error ${where}`)}" classname="${xmlEscape(e.file || '(k8slint)')}"${e.file ? ` file="${xmlEscape(e.file)}"` : ''}${e.line !== undefined ? ` line="${e.line}"` : ''} time="0">\n` +
    `      <error message="${xmlEscape(e.message)}" type="input-error">${xmlText(`${where}: ${e.message}`)}</error>\n` +
    '    </testcase>'
  );
}
