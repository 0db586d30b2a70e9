import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/index.js';
import { wildcardMatch } from '../../rules/_lib/wildcard.js';
import { pushAll, maxOf } from '../../src/util/arrays.js';
import { runCli, scratch } from './run-cli.js';

// Issue 17, items 3, 5 and 10: what once took quadratic time or overflowed the stack.

describe('hostile: wildcard registry patterns are matched in linear time', () => {
  it('matches as the hadolint-style globs did', () => {
    const cases: Array<[string, string, boolean]> = [
      ['docker.io', 'docker.io', true],
      ['docker.io', 'docker.iox', false],
      ['*.gcr.io', 'eu.gcr.io', true],
      ['*.gcr.io', 'gcr.io', false],
      ['my.reg*', 'my.registry.example.com', true],
      ['my.reg*', 'xmy.reg', false],
      ['*', 'anything', true],
      ['*.*.example.com', 'a.b.example.com', true],
      ['*.*.example.com', 'ab.example.com', false],
      ['a*b*c', 'aXbYc', true],
      ['a*b*c', 'aXcYb', false],
      ['reg.io', 'regxio', false],
      ['**', '', true],
    ];
    for (const [pattern, host, expected] of cases) expect([pattern, host, wildcardMatch(pattern, host)]).toEqual([pattern, host, expected]);
  });

  it('`*.*.*.*.example.com` against a 100k-character host that almost matches', () => {
    const host = 'a.'.repeat(50_000) + 'example.co';
    const started = performance.now();
    expect(wildcardMatch('*.*.*.*.example.com', host)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('untrusted-registry with trustedRegistries `*.*.example.com` on a long host name', () => {
    const host = `${'a.'.repeat(30_000)}example.co`;
    const started = performance.now();
    const { findings } = lintTexts([{ path: 'Dockerfile', text: `FROM ${host}/app:1\n` }], {
      rules: ['untrusted-registry'],
      options: { 'untrusted-registry': { trustedRegistries: ['*.*.example.com', '*.*.*.*.*.example.org'] } },
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['untrusted-registry']);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('hostile: no spread of unbounded arrays into calls', () => {
  it('pushAll and maxOf take 300k items (a spread into push or Math.max overflows the stack)', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(pushAll([-1], many)).toHaveLength(300_001);
    expect(maxOf(many, -1)).toBe(299_999);
    expect(maxOf([], -1)).toBe(-1);
  });

  it('a List of 150k items with the object budget raised: linted, cross-object rules included', () => {
    const dir = scratch();
    const items = Array.from({ length: 150_000 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `c${i % 149_999}` },
    }));
    writeFileSync(join(dir, 'big.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    writeFileSync(join(dir, '.k8slint.yaml'), 'limits:\n  maxObjectsPerFile: 200000\n');
    // About 20 s of CPU on a quiet machine (parsing 150k objects): this case checks the stack, not the time bound.
    const run = runCli(['big.json', '--format', 'json', '--rule', 'duplicate-object'], dir, 300);
    expect(run.signal, run.stderr.slice(0, 500)).toBeNull();
    expect(run.stderr).not.toMatch(/unexpected error|call stack/);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; object?: string }>; errors: unknown[] };
    expect(report.errors).toEqual([]);
    // c0 is named twice (items 0 and 149,999): one duplicate, found across the whole List.
    expect(report.findings.map((f) => [f.ruleId, f.object])).toEqual([['duplicate-object', 'ConfigMap/c0']]);
  }, 320_000);
});

describe('hostile: lone-CR line endings in Dockerfiles', () => {
  it('put findings where LF line endings put them', () => {
    const lines = [
      'FROM ubuntu:latest',
      'WORKDIR /app',
      'RUN apt-get install curl && cd /x',
      'RUN <<EOF',
      'sudo echo $A',
      'EOF',
      'USER root',
      '',
    ];
    const positions = (eol: string) =>
      lintTexts([{ path: 'Dockerfile', text: lines.join(eol) }]).findings.map(
        (f) => `${f.ruleId}@${f.span.line}:${f.span.column}-${f.span.endLine}:${f.span.endColumn}`,
      );
    const lf = positions('\n');
    expect(lf).toEqual(expect.arrayContaining(['apt-get-install-yes@3:5-3:20', 'sudo-in-run@5:1-5:5', 'image-runs-as-root@7:6-7:10']));
    expect(positions('\r')).toEqual(lf);
    expect(positions('\r\n')).toEqual(lf);
  });

  it('suppression comments work with lone CRs', () => {
    const text = ['FROM ubuntu:24.04', '# k8slint-disable-next-line sudo-in-run -- needed here', 'RUN sudo ls', ''].join('\r');
    expect(lintTexts([{ path: 'Dockerfile', text }]).findings.map((f) => f.ruleId)).not.toContain('sudo-in-run');
  });
});
