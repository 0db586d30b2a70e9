import { ruleDocsUrl, targetsOf, type Rule } from '../app/rule-info.js';

export { ruleMarkdown, ruleSummary, type RuleSummary } from '../app/rule-info.js';

export function rulesTable(rules: readonly Rule[]): string {
  // The SOURCE column only when the config added plugin or custom rules: the built-in table stays as it was.
  const withOrigin = rules.some((r) => r.origin);
  const rows = rules.map((r) => [
    r.meta.id,
    r.meta.severity,
    r.meta.category,
    r.meta.status,
    targetsOf(r).join(',') || '-',
    r.meta.fixable ?? '-',
    ...(withOrigin ? [r.origin ? `${r.origin.kind}:${r.origin.name}` : 'built-in'] : []),
    r.meta.title,
  ]);
  const header = ['ID', 'SEVERITY', 'CATEGORY', 'STATUS', 'TARGETS', 'FIX', ...(withOrigin ? ['SOURCE'] : []), 'TITLE'];
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
      `| ${linked(r)} | ${r.meta.severity} | ${r.meta.category} | ${r.meta.status} | ${r.meta.fixable ?? ''} | ${r.meta.aliases.join(', ')} | ${r.meta.title} |`,
    );
  return lines.join('\n') + '\n';
}

function linked(rule: Rule): string {
  const url = ruleDocsUrl(rule);
  return url !== undefined ? `[${rule.meta.id}](${url})` : rule.meta.id;
}

/** Styles for the terminal rendering of a rule page; identity functions without colours. */
export interface TerminalStyle {
  heading: (text: string) => string;
  code: (text: string) => string;
  /** Inline code in prose: coloured, or kept in backticks when there are no colours. */
  inlineCode: (text: string) => string;
  bad: (text: string) => string;
  good: (text: string) => string;
  dim: (text: string) => string;
}

export const plainStyle: TerminalStyle = {
  heading: (t) => t,
  code: (t) => t,
  inlineCode: (t) => `\`${t}\``,
  bad: (t) => t,
  good: (t) => t,
  dim: (t) => t,
};

/** Inline Markdown as terminal text: `code` styled (in backticks without colours), **bold** plain, [text](url) as "text (url)". */
export function inlineText(markdown: string, style: TerminalStyle = plainStyle): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, text: string, url: string) => (text === url ? url : `${text} (${url})`))
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/`([^`\n]+)`/g, (_, code: string) => style.inlineCode(code));
}

/** Words of `text` in lines of at most `width` columns (a longer word stays whole), each line prefixed by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line !== '' && visibleLength(indent + line + ' ' + word) > width) {
        lines.push(indent + line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(indent + line);
  }
  return lines;
}

function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').length;
}

function codeBlock(code: string, style: (text: string) => string): string[] {
  return code
    .trimEnd()
    .split('\n')
    .map((line) => `      ${style(line)}`);
}

/** `k8slint explain`: the rule page for a terminal, with no Markdown syntax and no generator comment. */
export function ruleTerminalText(rule: Rule, style: TerminalStyle = plainStyle, width = 80): string {
  const m = rule.meta;
  const out = [
    `${style.heading(m.id)}: ${m.title}`,
    style.dim(`${m.severity} · ${m.category} · ${m.status} · targets: ${targetsOf(rule).join(', ') || 'engine'} · since ${m.since}`),
  ];
  if (m.aliases.length > 0) out.push(...wrap(`Aliases: ${m.aliases.join(', ')}`, width));
  const section = (title: string, body: string[]) => out.push('', style.heading(title), ...body);
  section('WHY', wrap(inlineText(m.rationale, style), width, '  '));
  section('HOW TO FIX', wrap(inlineText(m.remediation, style), width, '  '));
  m.examples.forEach((example, i) => {
    const body: string[] = [];
    if (example.dockerignore) body.push('  With this .dockerignore:', ...codeBlock(example.dockerignore, style.code));
    body.push(
      `  ${style.bad('Bad:')}`,
      ...codeBlock(example.bad, style.code),
      `  ${style.good('Good:')}`,
      ...codeBlock(example.good, style.code),
    );
    section(m.examples.length > 1 ? `EXAMPLE ${i + 1}` : 'EXAMPLE', body);
  });
  if (m.options) section('OPTIONS (defaults)', codeBlock(JSON.stringify(m.options.defaults, null, 2), style.code));
  if (m.references.length > 0)
    section(
      'REFERENCES',
      m.references.map((r) => `  - ${inlineText(r, style)}`),
    );
  const url = ruleDocsUrl(rule);
  if (rule.origin) out.push('', style.dim(`From: ${rule.origin.kind} ${rule.origin.name}`));
  out.push(...(url !== undefined ? ['', style.dim(`Docs: ${url}`)] : []), '');
  return out.join('\n');
}
