import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.js';
import { builtK8slint, k8slint } from '../helpers/cli.js';

const fixtures = 'fixtures/cli';

describe('k8slint CLI', () => {
  it('exits 0 when nothing reaches the threshold', () => {
    const run = k8slint([`${fixtures}/clean.yaml`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('exits 1 on findings at or above --fail-on, 0 below it', () => {
    expect(k8slint([`${fixtures}/Dockerfile.bad`]).code).toBe(1);
    expect(k8slint([`${fixtures}/Dockerfile.bad`, '--fail-on', 'none']).code).toBe(0);
    expect(k8slint([`${fixtures}/Dockerfile.bad`, '--rule', 'single-stage-toolchain-image', '--fail-on', 'warning']).code).toBe(0);
    expect(k8slint([`${fixtures}/Dockerfile.bad`, '--rule', 'single-stage-toolchain-image', '--fail-on', 'info']).code).toBe(1);
  });

  it('exits 2 on an input error, still linting and reporting the other files', () => {
    const run = k8slint([`${fixtures}/broken.yaml`, `${fixtures}/Dockerfile.bad`, '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toEqual([{ file: 'fixtures/cli/broken.yaml', line: 7, message: expect.stringContaining('YAML syntax error') }]);
    expect(report.findings.some((f: { file: string }) => f.file === 'fixtures/cli/Dockerfile.bad')).toBe(true);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('exits 2 with a clear message on usage and config errors', () => {
    const badFormat = k8slint(['--format', 'xml', '.']);
    expect([badFormat.code, badFormat.stderr]).toEqual([2, expect.stringContaining('unknown format "xml"')]);
    const badRule = k8slint(['--rule', 'unpined-image', `${fixtures}/clean.yaml`]);
    expect([badRule.code, badRule.stderr]).toEqual([2, expect.stringContaining('did you mean "unpinned-image"?')]);
    const badConfig = k8slint(['--config', 'fixtures/cli/no-such-config.yaml', `${fixtures}/clean.yaml`]);
    expect([badConfig.code, badConfig.stderr]).toEqual([
      2,
      expect.stringContaining('--config fixtures/cli/no-such-config.yaml: no such file'),
    ]);
  });

  it('reads stdin with a BOM and CRLF and reports exact positions and the Helm source', () => {
    const text =
      '---\n# Source: chart/templates/pod.yaml\n' + readFileSync(join(ROOT, fixtures, 'bom-crlf.yaml'), 'utf8').replace(/^\ufeff/, '');
    const run = k8slint(['-', '--format', 'json', '--rule', 'unpinned-image'], { stdin: text });
    const finding = JSON.parse(run.stdout).findings[0];
    expect(finding).toMatchObject({
      ruleId: 'unpinned-image',
      file: '<stdin>',
      line: 10,
      column: 7,
      endColumn: 19,
      source: 'chart/templates/pod.yaml',
      object: 'Pod/bom',
    });
    const dockerfile = k8slint(['-', '--stdin-filename', 'Dockerfile', '--format', 'json'], { stdin: 'FROM ubuntu\n' });
    expect(JSON.parse(dockerfile.stdout).findings).toContainEqual(
      expect.objectContaining({ ruleId: 'unpinned-image', file: 'Dockerfile' }),
    );
  });

  it('gives an info finding for a named file without Kubernetes objects, and accepts empty documents', () => {
    const run = k8slint([`${fixtures}/empty-documents.yaml`, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['no-kubernetes-objects']);
  });

  it('prints stylish output with a code frame, without colour unless asked or on a terminal', () => {
    const plain = k8slint([`${fixtures}/Dockerfile.bad`]);
    expect(plain.stdout).toContain('2:1  warning  MAINTAINER is deprecated');
    expect(plain.stdout).toContain('> 2 | MAINTAINER x');
    expect(plain.stdout).not.toContain('\u001b[');
    expect(k8slint([`${fixtures}/Dockerfile.bad`, '--color']).stdout).toContain('\u001b[');
    expect(k8slint([`${fixtures}/Dockerfile.bad`], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(k8slint([`${fixtures}/Dockerfile.bad`], { stdoutIsTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(k8slint([`${fixtures}/Dockerfile.bad`, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('lists rules as JSON, explains a rule by alias, prints version and help', () => {
    const rules = JSON.parse(k8slint(['rules', '--format', 'json']).stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(rules[0] ?? {}).sort()).toEqual(['aliases', 'category', 'docsUrl', 'id', 'severity', 'status', 'targets', 'title']);
    expect(rules.find((r) => r.id === 'unpinned-image')).toMatchObject({ targets: ['dockerfile', 'kubernetes', 'compose'] });
    expect(k8slint(['explain', 'DL3007']).stdout).toMatch(/^unpinned-image: /);
    expect(k8slint(['explain', 'DL3007', '--format', 'markdown']).stdout).toContain('# unpinned-image');
    const unknown = k8slint(['explain', 'no-such-rule']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown rule "no-such-rule"')]);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(k8slint(['--version']).stdout.trim()).toBe(version);
    expect(k8slint(['--help']).stdout).toContain('Exit codes');
  });

  it('emits sarif and github formats', () => {
    const sarif = JSON.parse(k8slint([`${fixtures}/Dockerfile.bad`, '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'fixtures/cli/Dockerfile.bad',
      uriBaseId: '%SRCROOT%',
    });
    expect(k8slint([`${fixtures}/Dockerfile.bad`, '--format', 'github']).stdout).toMatch(
      /^::warning file=fixtures\/cli\/Dockerfile\.bad,line=2,col=1,/m,
    );
  });
});

/** What only a real process shows: the exit status of the binary, a piped stdin, the package it runs from. */
describe('k8slint CLI (built binary)', () => {
  // Several real processes: allow for a loaded two-core CI machine.
  it('exits 0, 1 and 2, and writes errors to stderr', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const clean = builtK8slint(['--version']);
    expect([clean.code, clean.stdout, clean.stderr]).toEqual([0, `${version}\n`, '']);
    const findings = builtK8slint([`${fixtures}/Dockerfile.bad`]);
    expect(findings.code).toBe(1);
    expect(findings.stdout).toContain('MAINTAINER is deprecated');
    const usage = builtK8slint(['--format', 'xml', '.']);
    expect([usage.code, usage.stdout]).toEqual([2, '']);
    expect(usage.stderr).toMatch(/^k8slint: unknown format "xml".*\nRun k8slint --help for usage\.\n$/);
  }, 120_000);

  it('reads a piped stdin with a BOM and CRLF', () => {
    const run = builtK8slint(['-', '--format', 'json', '--rule', 'unpinned-image'], {
      stdin: readFileSync(join(ROOT, fixtures, 'bom-crlf.yaml'), 'utf8'),
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings).toEqual([
      expect.objectContaining({ ruleId: 'unpinned-image', file: '<stdin>', line: 8, column: 7, endColumn: 19, object: 'Pod/bom' }),
    ]);
  });
});
