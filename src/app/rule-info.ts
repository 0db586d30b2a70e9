import { docsUrl, targetsOf, type Rule } from '../engine/rule.js';
import { registry } from './registry.js';

export { docsUrl, targetsOf, type Rule, type RuleMeta } from '../engine/rule.js';

/** A rule's metadata as `k8slint rules --format json` and the API's `listRules` give it. */
export interface RuleSummary {
  id: string;
  title: string;
  severity: string;
  category: string;
  targets: string[];
  aliases: string[];
  status: string;
  /** `safe`: `--fix` applies its fixes; `unsafe`: only with `--unsafe-fixes`; absent: no fix. */
  fixable?: 'safe' | 'unsafe';
  docsUrl: string;
}

export function ruleSummary(rule: Rule): RuleSummary {
  const m = rule.meta;
  return {
    id: m.id,
    title: m.title,
    severity: m.severity,
    category: m.category,
    targets: targetsOf(rule),
    aliases: m.aliases,
    status: m.status,
    ...(m.fixable && { fixable: m.fixable }),
    docsUrl: docsUrl(m.id),
  };
}

/** Every rule, in registry order. */
export function listRules(): RuleSummary[] {
  return registry.all.map(ruleSummary);
}

/** The documentation page of a rule (docs/rules/<id>.md and `k8slint explain`). */
export function ruleMarkdown(rule: Rule): string {
  const m = rule.meta;
  const out = [
    `# ${m.id}`,
    '',
    `> ${m.title}`,
    '',
    `| severity | category | status | targets | since |`,
    `|---|---|---|---|---|`,
    `| ${m.severity} | ${m.category} | ${m.status} | ${targetsOf(rule).join(', ') || 'engine'} | ${m.since} |`,
    '',
  ];
  if (m.aliases.length > 0) out.push(`Aliases: ${m.aliases.map((a) => `\`${a}\``).join(', ')}`, '');
  out.push('## Why', '', m.rationale, '', '## How to fix', '', m.remediation, '');
  if (m.fixable)
    out.push(
      m.fixable === 'safe'
        ? '`k8slint --fix` fixes what it can of these findings without changing behaviour (`--fix-dry-run` shows the diff).'
        : '`k8slint --fix --unsafe-fixes` can fix these findings; the fix may change behaviour, so review its diff (`--fix-dry-run --unsafe-fixes`).',
      '',
    );
  m.examples.forEach((example, i) => {
    const label = m.examples.length > 1 ? ` ${i + 1}` : '';
    out.push(`## Example${label}`, '');
    if (example.dockerignore) out.push('With this `.dockerignore`:', '', '```', example.dockerignore.trimEnd(), '```', '');
    out.push(
      'Bad:',
      '',
      '```' + example.lang,
      example.bad.trimEnd(),
      '```',
      '',
      'Good:',
      '',
      '```' + example.lang,
      example.good.trimEnd(),
      '```',
      '',
    );
  });
  if (m.options) out.push('## Options', '', '```json', JSON.stringify(m.options.defaults, null, 2), '```', '');
  if (m.references.length > 0) out.push('## References', '', ...m.references.map((r) => `- ${r}`), '');
  out.push('<!-- Generated from the rule file by scripts/generate.mjs. Do not edit. -->', '');
  return out.join('\n');
}
