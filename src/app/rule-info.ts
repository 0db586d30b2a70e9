import { ruleDocsUrl, targetsOf, type Rule } from '../engine/rule.js';
import { registry } from './registry.js';
import { projectRules } from './run-rules.js';

export { docsUrl, ruleDocsUrl, targetsOf, type Rule, type RuleMeta } from '../engine/rule.js';

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
  /** Absent for a plugin or custom rule that names no documentation page. */
  docsUrl?: string;
  /** Where a rule that is not built in comes from: `plugin` (the npm package) or `custom` (the file defining it). */
  origin?: { kind: 'plugin' | 'custom'; name: string };
}

export function ruleSummary(rule: Rule): RuleSummary {
  const m = rule.meta;
  const url = ruleDocsUrl(rule);
  return {
    id: m.id,
    title: m.title,
    severity: m.severity,
    category: m.category,
    targets: targetsOf(rule),
    aliases: m.aliases,
    status: m.status,
    ...(m.fixable && { fixable: m.fixable }),
    ...(url !== undefined && { docsUrl: url }),
    ...(rule.origin && { origin: { ...rule.origin } }),
  };
}

/** Every rule, in registry order: the built-in ones, or with `cwd` those of the project there (its config's plugins and custom rules too). */
export function listRules(options: { cwd?: string; configPath?: string } = {}): RuleSummary[] {
  const rules =
    options.cwd !== undefined || options.configPath !== undefined
      ? projectRules(options.cwd ?? process.cwd(), options.configPath)
      : registry;
  return rules.all.map(ruleSummary);
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
  if (rule.origin) {
    const url = ruleDocsUrl(rule);
    out.push(`From ${rule.origin.kind} \`${rule.origin.name}\`${url !== undefined ? `; documentation: ${url}` : ''}.`, '');
  } else out.push('<!-- Generated from the rule file by scripts/generate.mjs. Do not edit. -->', '');
  return out.join('\n');
}
