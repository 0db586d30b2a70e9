import { docsUrl, targetsOf, type Rule } from '../app/rule-info.js';

export { ruleMarkdown, ruleSummary, type RuleSummary } from '../app/rule-info.js';

export function rulesTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => [
    r.meta.id,
    r.meta.severity,
    r.meta.category,
    r.meta.status,
    targetsOf(r).join(',') || '-',
    r.meta.fixable ?? '-',
    r.meta.title,
  ]);
  const header = ['ID', 'SEVERITY', 'CATEGORY', 'STATUS', 'TARGETS', 'FIX', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  return (
    [header, ...rows]
      .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
      .join('\n') + '\n'
  );
}

export function rulesMarkdownList(rules: readonly Rule[]): string {
  const lines = ['| id | severity | category | status | fix | aliases | title |', '|---|---|---|---|---|---|---|'];
  for (const r of rules)
    lines.push(
      `| [${r.meta.id}](${docsUrl(r.meta.id)}) | ${r.meta.severity} | ${r.meta.category} | ${r.meta.status} | ${r.meta.fixable ?? ''} | ${r.meta.aliases.join(', ')} | ${r.meta.title} |`,
    );
  return lines.join('\n') + '\n';
}
