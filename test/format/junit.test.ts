import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/format/junit.js';
import { parseXml, type XmlElement } from '../integration/xml.js';
import { makeFinding, privileged, sampleReport, span } from './fixtures.js';
import { defined, take } from '../helpers/defined.js';

/**
 * The structure of the JUnit XSD that Jenkins, GitLab and Azure DevOps read
 * (https://github.com/windyroad/JUnit-Schema/blob/master/JUnit.xsd, with the testsuites wrapper):
 * allowed children and attributes of each element, required attributes, integer counts.
 */
const SHAPE: Record<string, { children: string[]; required: string[]; optional: string[]; integers?: string[] }> = {
  testsuites: {
    children: ['testsuite'],
    required: [],
    optional: ['name', 'time', 'tests', 'failures', 'errors', 'disabled'],
    integers: ['tests', 'failures', 'errors'],
  },
  testsuite: {
    children: ['properties', 'testcase', 'system-out', 'system-err'],
    required: ['name', 'tests'],
    optional: ['failures', 'errors', 'skipped', 'disabled', 'time', 'timestamp', 'hostname', 'id', 'package', 'file'],
    integers: ['tests', 'failures', 'errors', 'skipped', 'id'],
  },
  testcase: {
    children: ['skipped', 'error', 'failure', 'system-out', 'system-err'],
    required: ['name'],
    optional: ['classname', 'time', 'assertions', 'status', 'file', 'line'],
    integers: ['line'],
  },
  failure: { children: [], required: [], optional: ['message', 'type'] },
  error: { children: [], required: [], optional: ['message', 'type'] },
  'system-out': { children: [], required: [], optional: [] },
};

function checkShape(el: XmlElement, path = el.name): void {
  const shape = defined(SHAPE[el.name], `unknown element ${path}`);
  for (const attr of shape.required) expect(el.attributes, `${path} needs @${attr}`).toHaveProperty(attr);
  for (const attr of Object.keys(el.attributes))
    expect([...shape.required, ...shape.optional], `${path} has unknown @${attr}`).toContain(attr);
  for (const attr of shape.integers ?? []) if (attr in el.attributes) expect(el.attributes[attr], `${path}@${attr}`).toMatch(/^\d+$/);
  if ('time' in el.attributes) expect(el.attributes.time).toMatch(/^\d+(\.\d+)?$/);
  for (const child of el.children) {
    expect(shape.children, `${path} cannot hold <${child.name}>`).toContain(child.name);
    checkShape(child, `${path}/${child.name}`);
  }
}

describe('junit formatter', () => {
  it('follows the JUnit XSD structure, with consistent counts', () => {
    const xml = formatJunit(sampleReport(), { color: false });
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    checkShape(root);
    let tests = 0;
    let failures = 0;
    let errors = 0;
    for (const suite of root.children) {
      const cases = suite.children.filter((c) => c.name === 'testcase');
      const f = cases.filter((c) => c.children.some((x) => x.name === 'failure')).length;
      const e = cases.filter((c) => c.children.some((x) => x.name === 'error')).length;
      expect(Number(suite.attributes.tests)).toBe(cases.length);
      expect(Number(suite.attributes.failures)).toBe(f);
      expect(Number(suite.attributes.errors)).toBe(e);
      tests += cases.length;
      failures += f;
      errors += e;
    }
    expect(Number(root.attributes.tests)).toBe(tests);
    expect(Number(root.attributes.failures)).toBe(failures);
    expect(Number(root.attributes.errors)).toBe(errors);
    // Three findings, one of them info: information is not a failed test.
    expect(failures).toBe(2);
    expect(errors).toBe(1);
  });

  it('turns info findings into passed test cases with their text in system-out, not failures', () => {
    const report = sampleReport();
    const infos = report.findings.filter((f) => f.severity === 'info');
    expect(infos.length).toBeGreaterThan(0);
    const root = parseXml(formatJunit(report, { color: false }));
    const cases = root.children.flatMap((suite) => suite.children.filter((c) => c.name === 'testcase'));
    for (const info of infos) {
      const testcase = defined(
        cases.find((c) => c.attributes.name === `${info.ruleId} ${info.file}:${info.span.line}:${info.span.column}`),
        `test case of ${info.ruleId}`,
      );
      expect(testcase.children.map((c) => c.name)).toEqual(['system-out']);
    }
    expect(Number(root.attributes.failures)).toBe(report.findings.length - infos.length);
  });

  it('has one testsuite per file: findings fail, input errors error, clean files pass', () => {
    const report = sampleReport();
    report.sources.set('clean.yaml', 'apiVersion: v1\n');
    const root = parseXml(formatJunit(report, { color: false }));
    expect(root.children.map((s) => s.attributes.name)).toEqual(['Dockerfile', 'broken.yaml', 'clean.yaml', 'deploy/web app.yaml']);
    const [docker, broken, clean, web] = take(root.children, 4);
    const dockerCase = defined(docker.children[0]);
    expect(dockerCase.attributes).toMatchObject({
      name: 'no-latest-tag Dockerfile:1:6',
      classname: 'Dockerfile',
      file: 'Dockerfile',
      line: '1',
    });
    expect(dockerCase.children[0]).toMatchObject({
      name: 'failure',
      attributes: { message: 'Image ubuntu uses the latest tag', type: 'warning' },
    });
    expect(defined(broken.children[0]).children[0]).toMatchObject({
      name: 'error',
      attributes: { message: 'bad indentation of a mapping entry', type: 'input-error' },
    });
    expect(clean.children).toHaveLength(1);
    expect(defined(clean.children[0]).children).toHaveLength(0);
    const priv = defined(web.children.find((c) => c.attributes.name?.startsWith('no-privileged')));
    const privFailure = defined(priv.children[0]);
    expect(privFailure.text).toContain('Helm source: chart/templates/web.yaml');
    expect(privFailure.text).toContain('object: Deployment/default/web');
    expect(privFailure.text).toContain('https://github.com/k8slint/k8slint/blob/v0.1.0/docs/rules/no-privileged.md');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const report = sampleReport({ errors: [] });
    report.findings = [
      makeFinding(privileged, 'a&b<c>.yaml', span(1, 1, 1, 2), 'quote " apos \' amp & lt < gt > bell \u0007 tab\tnew\nline'),
    ];
    const root = parseXml(formatJunit(report, { color: false }));
    const suite = defined(root.children.find((s) => s.attributes.name === 'a&b<c>.yaml'));
    const failure = defined(defined(suite.children[0]).children[0]);
    expect(failure.attributes.message).toBe('quote " apos \' amp & lt < gt > bell  tab\tnew\nline');
  });

  it('honours quiet and writes an empty, valid document for no files', () => {
    const quiet = parseXml(formatJunit(sampleReport(), { color: false, quiet: true }));
    expect(quiet.attributes.failures).toBe('1');
    const empty = parseXml(formatJunit(sampleReport({ findings: [], errors: [], sources: new Map() }), { color: false }));
    expect(empty.children).toEqual([]);
    expect(empty.attributes.tests).toBe('0');
  });
});
