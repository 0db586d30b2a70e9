import type { Finding, Severity } from '../types.js';
import { ruleDocsUrl, type Rule, type RuleMeta } from '../engine/rule.js';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown>;
}

export function ruleDescriptor(rule: Rule): ReportingDescriptor {
  const meta = rule.meta;
  const url = ruleDocsUrl(rule);
  const tags = [...new Set([meta.category, ...(meta.category === 'security' ? ['security'] : []), ...meta.aliases])];
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: { text: helpText(meta), markdown: helpMarkdown(meta, url) },
    ...(url !== undefined && { helpUri: url }),
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: {
      tags,
      precision: 'high',
      ...(meta.category === 'security' && { 'security-severity': SECURITY_SEVERITY[meta.severity] }),
      ...(rule.origin && { origin: `${rule.origin.kind}:${rule.origin.name}` }),
    },
  };
}

/** For findings of rules that are not in the enabled list (meta rules such as internal errors). */
export function fallbackDescriptor(finding: Finding): ReportingDescriptor {
  const url = finding.docsUrl;
  const text = url !== undefined ? `See ${url} for details.` : `k8slint ${finding.ruleId}`;
  return {
    id: finding.ruleId,
    name: pascalCase(finding.ruleId),
    shortDescription: { text: `k8slint ${finding.ruleId}` },
    fullDescription: { text },
    help: { text, markdown: url !== undefined ? `See [the rule documentation](${url}).` : text },
    ...(url !== undefined && { helpUri: url }),
    defaultConfiguration: { level: sarifLevel(finding.severity) },
    properties: { tags: [finding.category], precision: 'high' },
  };
}

export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function helpText(meta: RuleMeta): string {
  const parts = [meta.rationale.trim(), `Remediation: ${meta.remediation.trim()}`];
  for (const example of meta.examples) {
    parts.push(`Bad:\n${indent(example.bad)}`, `Good:\n${indent(example.good)}`);
  }
  if (meta.references.length > 0) parts.push(`References:\n${meta.references.map((r) => `- ${r}`).join('\n')}`);
  return parts.join('\n\n');
}

function helpMarkdown(meta: RuleMeta, url: string | undefined): string {
  const parts = [meta.rationale.trim(), `**Remediation:** ${meta.remediation.trim()}`];
  for (const example of meta.examples) {
    parts.push(`Bad:\n\n${fence(example.lang, example.bad)}`, `Good:\n\n${fence(example.lang, example.good)}`);
  }
  if (meta.references.length > 0) parts.push(`References:\n\n${meta.references.map((r) => `- <${r}>`).join('\n')}`);
  if (url !== undefined) parts.push(`[Rule documentation](${url})`);
  return parts.join('\n\n');
}

function fence(lang: string, code: string): string {
  // A fence longer than any backtick run inside the code keeps the block closed.
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longestRun + 1));
  return `${ticks}${lang}\n${code.replace(/\s+$/, '')}\n${ticks}`;
}

function indent(code: string): string {
  return code
    .replace(/\s+$/, '')
    .split(/\r?\n/)
    .map((line) => `    ${line}`)
    .join('\n');
}
