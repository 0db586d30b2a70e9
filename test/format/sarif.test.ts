import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildSarif, formatSarif, relativeUri, rootUri } from '../../src/format/sarif.js';
import { pascalCase } from '../../src/format/sarif-rules.js';
import type { Report } from '../../src/format/types.js';
import { DOCKERFILE, latestTag, makeFinding, privileged, requests, sampleReport, span } from './fixtures.js';
import { defined } from '../helpers/defined.js';

// The SARIF 2.1.0 schema as shipped by @microsoft/sarif-multitool (it declares draft 2020-12).
const schema = JSON.parse(readFileSync(new URL('../schemas/sarif-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(s) && URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => /^([A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(s));
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

function sarifOf(report: Report) {
  return JSON.parse(formatSarif(report, { color: false }));
}

function resultsOf(report: Report) {
  return sarifOf(report).runs[0].results;
}

describe('sarif formatter', () => {
  it('is valid against the SARIF 2.1.0 schema', () => {
    const report = sampleReport();
    report.findings.push(makeFinding('internal-error', 'Dockerfile', span(2, 1, 2, 2), 'rule x failed'));
    report.errors.push({ file: '', message: 'no file' }, { file: 'x.yaml', message: 'no line' });
    const log = sarifOf(report);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('checks the schema for real', () => {
    const log = sarifOf(sampleReport());
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'has space';
    delete log.runs[0].tool.driver.name;
    expect(validate(log)).toBe(false);
  });

  it('describes every enabled rule in the driver', () => {
    const driver = sarifOf(sampleReport()).runs[0].tool.driver;
    expect(driver).toMatchObject({
      name: 'k8slint',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: 'https://github.com/k8slint/k8slint',
    });
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['no-latest-tag', 'no-privileged', 'resource-requests']);
    const [tag, priv, req] = driver.rules;
    expect(tag).toMatchObject({
      id: 'no-latest-tag',
      name: 'NoLatestTag',
      shortDescription: { text: 'Pin base image versions' },
      fullDescription: { text: 'The `latest` tag moves; builds are not reproducible.' },
      helpUri: 'https://github.com/k8slint/k8slint/blob/v0.1.0/docs/rules/no-latest-tag.md',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['dockerfile', 'DL3007'], precision: 'high' },
    });
    expect(tag.properties).not.toHaveProperty('security-severity');
    expect(tag.help.markdown).toContain('**Remediation:** Use a version tag or a digest.');
    expect(tag.help.markdown).toContain('Bad:\n\n```dockerfile\nFROM ubuntu:latest\n```');
    expect(tag.help.markdown).toContain('Good:\n\n```dockerfile\nFROM ubuntu:24.04\n```');
    expect(tag.help.text).toContain('Remediation: Use a version tag or a digest.');
    expect(tag.help.text).toContain('FROM ubuntu:latest');
    expect(priv.defaultConfiguration.level).toBe('error');
    expect(priv.properties).toEqual({
      tags: ['security', 'CKV_K8S_16', 'privileged-container'],
      precision: 'high',
      'security-severity': '8.0',
    });
    expect(priv.help.markdown).toContain('```yaml\nsecurityContext:\n  privileged: true\n```');
    expect(req.defaultConfiguration.level).toBe('note');
  });

  it('maps results to their rules, levels and relative locations', () => {
    const log = sarifOf(sampleReport());
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const result of run.results) expect(ids[result.ruleIndex]).toBe(result.ruleId);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['warning', 'error', 'note']);
    expect(run.results[1]).toMatchObject({
      ruleId: 'no-privileged',
      ruleIndex: 1,
      message: { text: 'Container app is privileged' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'deploy/web%20app.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 11, startColumn: 13, endLine: 11, endColumn: 29 },
          },
        },
      ],
      properties: { object: 'Deployment/default/web', helmSource: 'chart/templates/web.yaml' },
    });
    expect(run.results[0]).not.toHaveProperty('properties');
    expect(run.results[2].properties).toEqual({ object: 'Deployment/default/web' });
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/user/my%20project/' } });
  });

  it('adds descriptors for findings of rules that are not enabled', () => {
    const report = sampleReport();
    report.findings.push(makeFinding('internal-error', 'Dockerfile', span(2, 1, 2, 2), 'rule x failed'));
    const run = sarifOf(report).runs[0];
    expect(run.tool.driver.rules).toHaveLength(4);
    expect(run.tool.driver.rules[3]).toMatchObject({
      id: 'internal-error',
      name: 'InternalError',
      defaultConfiguration: { level: 'error' },
    });
    expect(run.tool.driver.rules[3].help.text).toBeTruthy();
    expect(run.results[3].ruleIndex).toBe(3);
  });

  it('reports input errors as tool execution notifications', () => {
    const report = sampleReport({
      errors: [
        { file: 'broken.yaml', line: 3, column: 7, message: 'bad indentation' },
        { file: 'x.yaml', message: 'unreadable' },
      ],
    });
    const [invocation] = sarifOf(report).runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'bad indentation' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' },
              region: { startLine: 3, startColumn: 7 },
            },
          },
        ],
      },
      {
        level: 'error',
        message: { text: 'unreadable' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'x.yaml', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
    expect(sarifOf(sampleReport({ errors: [] })).runs[0].invocations[0]).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [],
    });
  });

  it('clamps malformed spans into valid regions', () => {
    const findings = [
      makeFinding(latestTag, 'Dockerfile', span(0, 0, 0, 0), 'zero'),
      makeFinding(latestTag, 'Dockerfile', span(3, 7, 2, 1), 'backwards'),
    ];
    const log = sarifOf(sampleReport({ findings, errors: [{ file: 'a.yaml', line: 0, column: 0, message: 'm' }] }));
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    const regions = log.runs[0].results.map(
      (r: { locations: { physicalLocation: { region: unknown } }[] }) => defined(r.locations[0]).physicalLocation.region,
    );
    expect(regions).toEqual([
      { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      { startLine: 3, startColumn: 7, endLine: 3, endColumn: 7 },
    ]);
  });

  it('keeps only error results when quiet, but every rule', () => {
    const run = JSON.parse(formatSarif(sampleReport(), { color: false, quiet: true })).runs[0];
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['no-privileged']);
    expect(run.tool.driver.rules).toHaveLength(3);
  });

  describe('fingerprints', () => {
    const fingerprint = (report: Report, i = 0) => resultsOf(report)[i].partialFingerprints.primaryLocationLineHash as string;

    it('do not change when the finding moves to another line', () => {
      const before = sampleReport({ findings: [makeFinding(latestTag, 'Dockerfile', span(1, 6, 1, 19), 'latest')] });
      const moved = sampleReport({
        findings: [makeFinding(latestTag, 'Dockerfile', span(3, 6, 3, 19), 'latest')],
        sources: new Map([['Dockerfile', '# comment\n\n  ' + DOCKERFILE]]),
      });
      expect(fingerprint(before)).toMatch(/^[0-9a-f]{16}:1$/);
      expect(fingerprint(moved)).toBe(fingerprint(before));
    });

    it('change with the rule, the file, the line text or the message', () => {
      const base = () => sampleReport({ findings: [makeFinding(latestTag, 'Dockerfile', span(1, 6, 1, 19), 'latest')] });
      const reference = fingerprint(base());
      const variants: Report[] = [
        sampleReport({ findings: [makeFinding(privileged, 'Dockerfile', span(1, 6, 1, 19), 'latest')] }),
        sampleReport({
          findings: [makeFinding(latestTag, 'Dockerfile', span(1, 6, 1, 19), 'latest')],
          sources: new Map([['Dockerfile', 'FROM ubuntu:rolling\n']]),
        }),
        sampleReport({ findings: [makeFinding(latestTag, 'Dockerfile', span(1, 6, 1, 19), 'other message')] }),
        sampleReport({
          findings: [makeFinding(latestTag, 'sub/Dockerfile', span(1, 6, 1, 19), 'latest')],
          sources: new Map([['sub/Dockerfile', DOCKERFILE]]),
        }),
      ];
      for (const variant of variants) expect(fingerprint(variant)).not.toBe(reference);
    });

    it('are distinct for identical findings on identical lines', () => {
      const text = 'FROM a\nRUN apt-get update\nRUN apt-get update\n';
      const findings = [
        makeFinding(requests, 'Dockerfile', span(2, 1, 2, 4), 'same'),
        makeFinding(requests, 'Dockerfile', span(3, 1, 3, 4), 'same'),
      ];
      const report = sampleReport({ findings, sources: new Map([['Dockerfile', text]]) });
      const [first, second] = [fingerprint(report, 0), fingerprint(report, 1)];
      expect(first).toMatch(/:1$/);
      expect(second).toBe(first.replace(/:1$/, ':2'));
    });
  });

  it('builds relative and root URIs', () => {
    expect(relativeUri('a b/c#d?e%f:g.yaml')).toBe('a%20b/c%23d%3Fe%25f%3Ag.yaml');
    expect(relativeUri('../x/ü.yaml')).toBe('../x/%C3%BC.yaml');
    expect(rootUri('/home/user/my project')).toBe('file:///home/user/my%20project/');
    expect(rootUri('/')).toBe('file:///');
    expect(defined(buildSarif(sampleReport({ root: undefined })).runs[0]).originalUriBaseIds['%SRCROOT%'].uri).toBe(rootUri(process.cwd()));
  });

  it('names rules in PascalCase', () => {
    expect(pascalCase('no-latest-tag')).toBe('NoLatestTag');
    expect(pascalCase('gpu.limits_2')).toBe('GpuLimits2');
  });
});
