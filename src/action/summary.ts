import type { Finding, Severity } from '../types.js';
import type { Report } from '../app/formats.js';

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟡', info: '🔵' };

export interface SummaryOptions {
  failOn: Severity | 'none';
  exitCode: number;
  sarifFile?: string;
  /** `https://github.com/owner/repo/blob/<sha>/` when known, to link findings to the code. */
  blobUrl?: string;
  maxFindings?: number;
  topRules?: number;
  /** The baseline the run used, and how many findings it held (left out of `report.findings`). */
  baseline?: { file: string; findings: number };
}

/** Markdown for `$GITHUB_STEP_SUMMARY`: counts by severity, the top rules and the first findings. */
export function markdownSummary(report: Report, options: SummaryOptions): string {
  const { findings, errors } = report;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const verdict = options.exitCode === 0 ? `✅ passed${findings.length > 0 ? ` (nothing at or above \`${options.failOn}\`)` : ''}` : options.exitCode === 1 ? `❌ failed (findings at or above \`${options.failOn}\`)` : '❌ failed (input errors)';
  const out: string[] = [`## k8slint: ${verdict}`, ''];
  const baseline = options.baseline;
  if (baseline && baseline.findings > 0)
    out.push(`${plural(baseline.findings, 'finding')} recorded in the baseline \`${code(baseline.file)}\` not shown; only new findings count.`, '');
  if (findings.length === 0 && errors.length === 0) {
    out.push(`No ${baseline ? 'new ' : ''}findings in ${plural(report.sources.size, 'file')}.`, '');
    return out.join('\n');
  }
  out.push(
    '| Severity | Findings |',
    '|---|---:|',
    `| ${ICON.error} error | ${count('error')} |`,
    `| ${ICON.warning} warning | ${count('warning')} |`,
    `| ${ICON.info} info | ${count('info')} |`,
    ...(errors.length > 0 ? [`| ⛔ input errors | ${errors.length} |`] : []),
    '',
    `${plural(findings.length, 'finding')} in ${plural(new Set(findings.map((f) => f.file)).size, 'file')} (${plural(report.sources.size, 'file')} linted).`,
    '',
  );
  if (findings.length > 0) {
    const byRule = new Map<string, Finding[]>();
    for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    const top = [...byRule].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, options.topRules ?? 10);
    out.push('### Top rules', '', '| Rule | Severity | Findings |', '|---|---|---:|');
    for (const [id, group] of top) {
      const [first] = group;
      if (first) out.push(`| ${ruleLink(id, first.docsUrl)} | ${first.severity} | ${group.length} |`);
    }
    out.push('');
    const max = options.maxFindings ?? 50;
    const ordered = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    out.push(`### ${findings.length > max ? `First ${max} findings` : 'Findings'}`, '', '| | Location | Rule | Message |', '|---|---|---|---|');
    for (const f of ordered.slice(0, max)) {
      out.push(`| ${ICON[f.severity]} | ${location(f, options.blobUrl)} | ${ruleLink(f.ruleId, f.docsUrl)} | ${cell(f.message)}${f.object ? ` (${cell(f.object)})` : ''} |`);
    }
    if (findings.length > max) out.push('', `…and ${findings.length - max} more${options.sarifFile ? ` in \`${options.sarifFile}\`` : ''}.`);
    out.push('');
  }
  if (errors.length > 0) {
    out.push('### Input errors', '', '| File | Line | Message |', '|---|---:|---|');
    for (const e of errors) out.push(`| \`${code(e.file)}\` | ${e.line ?? ''} | ${cell(e.message)} |`);
    out.push('');
  }
  return out.join('\n');
}

function location(f: Finding, blobUrl: string | undefined): string {
  const text = `${f.file}:${f.span.line}:${f.span.column}`;
  const from = f.source ? ` from \`${code(f.source)}\`` : '';
  if (blobUrl && !f.file.startsWith('<') && !f.file.startsWith('/')) {
    const path = f.file.split('/').map(encodeURIComponent).join('/');
    return `[\`${code(text)}\`](${blobUrl}${path}#L${f.span.line})${from}`;
  }
  return `\`${code(text)}\`${from}`;
}

function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

/** Text safe inside a code span in a Markdown table cell. */
function code(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\r?\n/g, ' ');
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The rule id as a link to its documentation, or plain when the rule (a plugin's) has none. */
function ruleLink(id: string, docsUrl: string | undefined): string {
  return docsUrl !== undefined ? `[\`${id}\`](${docsUrl})` : `\`${id}\``;
}
