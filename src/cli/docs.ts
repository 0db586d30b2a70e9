import { docsUrl, targetsOf, type Rule } from '../engine/rule.js';

export interface RuleSummary {
  id: string;
  title: string;
  severity: string;
  category: string;
  targets: string[];
  aliases: string[];
  status: string;
  docsUrl: string;
}

export function ruleSummary(rule: Rule): RuleSummary {
  const m = rule.meta;
  return { id: m.id, title: m.title, severity: m.severity, category: m.category, targets: targetsOf(rule), aliases: m.aliases, status: m.status, docsUrl: docsUrl(m.id) };
}

/** The documentation page of a rule (docs/rules/<id>.md and `k8slint explain`). */
export function ruleMarkdown(rule: Rule): string {
  const m = rule.meta;
  const out = [
    `# ${m.id}`,
    '',
    `> ${m.title}`,
    '',
    `| severity | category | status | targets | since | fix |`,
    `|---|---|---|---|---|---|`,
    `| ${m.severity} | ${m.category} | ${m.status} | ${targetsOf(rule).join(', ') || 'engine'} | ${m.since} | ${m.fix} |`,
    '',
  ];
  if (m.aliases.length > 0) out.push(`Aliases: ${m.aliases.map((a) => `\`${a}\``).join(', ')}`, '');
  out.push('## Why', '', m.rationale, '', '## How to fix', '', m.remediation, '');
  m.examples.forEach((example, i) => {
    const label = m.examples.length > 1 ? ` ${i + 1}` : '';
    out.push(`## Example${label}`, '');
    if (example.dockerignore) out.push('With this `.dockerignore`:', '', '```', example.dockerignore.trimEnd(), '```', '');
    out.push('Bad:', '', '```' + example.lang, example.bad.trimEnd(), '```', '', 'Good:', '', '```' + example.lang, example.good.trimEnd(), '```', '');
  });
  if (m.options) out.push('## Options', '', '```json', JSON.stringify(m.options.defaults, null, 2), '```', '');
  if (m.references.length > 0) out.push('## References', '', ...m.references.map((r) => `- ${r}`), '');
  out.push('<!-- Generated from the rule file by scripts/generate.mjs. Do not edit. -->', '');
  return out.join('\n');
}

export function rulesTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => [r.meta.id, r.meta.severity, r.meta.category, r.meta.status, targetsOf(r).join(',') || '-', r.meta.title]);
  const header = ['ID', 'SEVERITY', 'CATEGORY', 'STATUS', 'TARGETS', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

export function rulesMarkdownList(rules: readonly Rule[]): string {
  const lines = ['| id | severity | category | status | aliases | title |', '|---|---|---|---|---|---|'];
  for (const r of rules) lines.push(`| [${r.meta.id}](${docsUrl(r.meta.id)}) | ${r.meta.severity} | ${r.meta.category} | ${r.meta.status} | ${r.meta.aliases.join(', ')} | ${r.meta.title} |`);
  return lines.join('\n') + '\n';
}
