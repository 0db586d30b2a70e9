import { defineRule, docsUrl, type Category, type Rule } from '../../src/engine/rule.js';
import type { Finding, InputError, Severity, Span } from '../../src/types.js';
import type { Report } from '../../src/format/types.js';

export function makeRule(id: string, severity: Severity, category: Category, extra: Partial<Rule['meta']> = {}): Rule {
  return defineRule({
    meta: {
      id,
      title: `Title of ${id}`,
      severity,
      category,
      status: 'stable',
      since: '0.1.0',
      aliases: [],
      rationale: `Why ${id} matters.`,
      remediation: `How to fix ${id}.`,
      examples: [],
      references: [],
      ...extra,
    },
    handlers: {},
  });
}

export function makeFinding(rule: Rule | string, file: string, span: Span, message: string, extra: Partial<Finding> = {}): Finding {
  const meta = typeof rule === 'string' ? { id: rule, severity: 'error' as const, category: 'meta' } : rule.meta;
  return { ruleId: meta.id, severity: meta.severity, category: meta.category, message, file, span, docsUrl: docsUrl(meta.id), ...extra };
}

export const span = (line: number, column: number, endLine: number, endColumn: number): Span => ({ line, column, endLine, endColumn });

export const latestTag = makeRule('no-latest-tag', 'warning', 'dockerfile', {
  title: 'Pin base image versions',
  aliases: ['DL3007'],
  rationale: 'The `latest` tag moves; builds are not reproducible.',
  remediation: 'Use a version tag or a digest.',
  examples: [{ lang: 'dockerfile', bad: 'FROM ubuntu:latest\n', good: 'FROM ubuntu:24.04\n' }],
  references: ['https://docs.docker.com/reference/dockerfile/#from'],
});
export const privileged = makeRule('no-privileged', 'error', 'security', {
  title: 'Do not run privileged containers',
  aliases: ['CKV_K8S_16', 'privileged-container'],
  rationale: 'A privileged container has full access to the host.',
  remediation: 'Remove `securityContext.privileged` or set it to false.',
  examples: [{ lang: 'yaml', bad: 'securityContext:\n  privileged: true\n', good: 'securityContext:\n  privileged: false\n' }],
});
export const requests = makeRule('resource-requests', 'info', 'reliability', { title: 'Set resource requests' });

export const DOCKERFILE = 'FROM ubuntu:latest\n\tRUN apt-get update\nRUN echo "a, b: c"\n';
export const MANIFEST =
  'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: web\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n        - name: app\r\n          securityContext:\r\n            privileged: true\r\n';

export function sampleReport(overrides: Partial<Report> = {}): Report {
  const findings: Finding[] = [
    makeFinding(latestTag, 'Dockerfile', span(1, 6, 1, 19), 'Image ubuntu uses the latest tag'),
    makeFinding(privileged, 'deploy/web app.yaml', span(11, 13, 11, 29), 'Container app is privileged', {
      object: 'Deployment/default/web',
      source: 'chart/templates/web.yaml',
    }),
    makeFinding(requests, 'deploy/web app.yaml', span(9, 11, 11, 29), 'Container app has no resource requests', {
      object: 'Deployment/default/web',
    }),
  ];
  const errors: InputError[] = [{ file: 'broken.yaml', line: 3, column: 7, message: 'bad indentation of a mapping entry' }];
  return {
    version: '0.1.0',
    findings,
    errors,
    rules: [latestTag, privileged, requests],
    sources: new Map([
      ['Dockerfile', DOCKERFILE],
      ['deploy/web app.yaml', MANIFEST],
    ]),
    root: '/home/user/my project',
    ...overrides,
  };
}
