import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatGitlab } from '../../src/format/gitlab.js';
import { makeFinding, privileged, latestTag, sampleReport, span } from './fixtures.js';
import { defined, take } from '../helpers/defined.js';

// GitLab's code quality report format (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
// a JSON array of objects with these required fields.
const schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^/' } },
          lines: {
            type: 'object',
            required: ['begin'],
            properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } },
          },
        },
      },
      categories: { type: 'array', items: { type: 'string' } },
    },
  },
};
const validate = new Ajv({ allErrors: true }).compile(schema);

const issuesOf = (text: string) => JSON.parse(text) as Array<Record<string, unknown>>;

describe('gitlab code quality formatter', () => {
  it('matches the documented fields, with unique fingerprints', () => {
    const issues = issuesOf(formatGitlab(sampleReport(), { color: false }));
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(issues).toHaveLength(4);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(4);
  });

  it('maps severities, rules and locations', () => {
    const [tag, priv, req, broken] = issuesOf(formatGitlab(sampleReport(), { color: false }));
    expect(tag).toMatchObject({
      check_name: 'no-latest-tag',
      severity: 'minor',
      description: 'Image ubuntu uses the latest tag',
      location: { path: 'Dockerfile', lines: { begin: 1, end: 1 } },
    });
    expect(priv).toMatchObject({
      check_name: 'no-privileged',
      severity: 'critical',
      description: 'Container app is privileged (from chart/templates/web.yaml)',
      location: { path: 'deploy/web app.yaml', lines: { begin: 11 } },
      categories: ['Security'],
    });
    expect(req).toMatchObject({ severity: 'info', location: { lines: { begin: 9, end: 11 } } });
    expect(broken).toMatchObject({ check_name: 'input-error', severity: 'major', location: { path: 'broken.yaml', lines: { begin: 3 } } });
  });

  it('keeps fingerprints stable when lines move, and distinct for repeated findings', () => {
    const a = defined(issuesOf(formatGitlab(sampleReport(), { color: false }))[0]).fingerprint;
    const moved = sampleReport();
    moved.sources.set('Dockerfile', '# a comment\n' + moved.sources.get('Dockerfile'));
    moved.findings[0] = { ...defined(moved.findings[0]), span: span(2, 6, 2, 19) };
    expect(defined(issuesOf(formatGitlab(moved, { color: false }))[0]).fingerprint).toBe(a);
    const twice = sampleReport({ errors: [] });
    twice.findings = [
      makeFinding(latestTag, 'Dockerfile', span(1, 6, 1, 19), 'same'),
      makeFinding(latestTag, 'Dockerfile', span(1, 6, 1, 19), 'same'),
    ];
    const [x, y] = take(issuesOf(formatGitlab(twice, { color: false })), 2);
    expect(x.fingerprint).not.toBe(y.fingerprint);
  });

  it('puts findings of unnamed stdin on their Helm template', () => {
    const report = sampleReport({ errors: [] });
    report.findings = [makeFinding(privileged, '<stdin>', span(40, 13, 40, 29), 'privileged', { source: 'web/templates/deployment.yaml' })];
    const [issue] = take(issuesOf(formatGitlab(report, { color: false })), 1);
    expect(issue.location).toEqual({ path: 'web/templates/deployment.yaml', lines: { begin: 1 } });
    expect(validate([issue])).toBe(true);
  });
});
