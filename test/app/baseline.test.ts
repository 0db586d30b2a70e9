import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import type { BaselineFile } from '../../src/app/baseline.js';
import { k8slint } from '../helpers/cli.js';
import { sarifMultitool, validateSarif } from '../helpers/sarif-validator.js';

const DOCKERFILE = 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\n';
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx:latest
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8slint-baseline-'));
  mkdirSync(join(dir, 'deploy'));
  writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
  writeFileSync(join(dir, 'deploy/pod.yaml'), POD);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => k8slint(argv, { cwd: dir });
const readBaselineFile = (name = '.k8slint-baseline.json') => JSON.parse(readFileSync(join(dir, name), 'utf8')) as BaselineFile;
const jsonFindings = (stdout: string) =>
  (JSON.parse(stdout) as { findings: Array<{ ruleId: string; line: number; baselineState?: string }> }).findings;

describe('baseline', () => {
  it('--update-baseline records every finding by content and the next run passes', () => {
    const before = run('-f', 'json', '.');
    expect(before.code).toBe(1);
    const count = jsonFindings(before.stdout).length;
    expect(count).toBeGreaterThan(3);
    const update = run('--update-baseline', '.');
    expect(update.code).toBe(0);
    expect(update.stderr).toContain(`wrote ${count} findings to the baseline .k8slint-baseline.json`);
    const baseline = readBaselineFile();
    expect(baseline.k8slintBaseline).toBe(1);
    expect(baseline.entries.reduce((n, e) => n + e.count, 0)).toBe(count);
    expect(baseline.entries).toContainEqual({
      rule: 'host-network',
      file: 'deploy/pod.yaml',
      object: 'Pod/shop/web',
      snippet: 'hostNetwork: true',
      count: 1,
    });
    // No line numbers: a baseline must survive lines moving.
    expect(JSON.stringify(baseline)).not.toMatch(/"line"/);
    // Written atomically: no temporary file is left next to it.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const after = run('--baseline', '.k8slint-baseline.json', '.');
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(`✔ no new problems\n  ${count} problems in the baseline not shown\n`);
  });

  it('findings still match when lines move, and an edited line is new', () => {
    run('--update-baseline', '.');
    // Lines moved: two comment lines above everything, in both files.
    writeFileSync(join(dir, 'Dockerfile'), `# syntax=docker/dockerfile:1\n# moved\n${DOCKERFILE}`);
    writeFileSync(join(dir, 'deploy/pod.yaml'), `# moved\n# again\n${POD}`);
    const moved = run('--baseline', '.k8slint-baseline.json', '-f', 'json', '.');
    expect(moved.code).toBe(0);
    expect(jsonFindings(moved.stdout).every((f) => f.baselineState === 'unchanged')).toBe(true);
    // An edited offending line: that finding is new, the others stay baselined.
    writeFileSync(
      join(dir, 'deploy/pod.yaml'),
      `# moved\n# again\n${POD.replace('image: nginx:latest', 'image: nginx:latest   # TODO pin')}`,
    );
    const edited = run('--baseline', '.k8slint-baseline.json', '-f', 'json', '.');
    expect(edited.code).toBe(1);
    const fresh = jsonFindings(edited.stdout).filter((f) => f.baselineState === 'new');
    expect(fresh.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['unpinned-image:12']);
    // Stylish shows the new finding only, and says what the baseline holds.
    const stylish = run('--baseline', '.k8slint-baseline.json', '.');
    expect(stylish.stdout).toContain('unpinned-image');
    expect(stylish.stdout).not.toContain('host-network');
    expect(stylish.stdout).toMatch(
      /✖ 1 new problem \(0 errors, 1 warning, 0 info\)\n {2}\d+ problems in the baseline not shown\n {2}1 baseline entry no longer found/,
    );
  });

  it('is count-based: two identical findings need two entries', () => {
    writeFileSync(join(dir, 'a.Dockerfile'), 'FROM alpine:3.20\nUSER 1000\nRUN apk add curl\n');
    const one = run('--update-baseline', '--rule', 'apk-add-no-cache', 'a.Dockerfile');
    expect(one.code).toBe(0);
    expect(readBaselineFile().entries).toEqual([{ rule: 'apk-add-no-cache', file: 'a.Dockerfile', snippet: 'RUN apk add curl', count: 1 }]);
    // The same line twice: the same fingerprint twice, one more than the baseline holds.
    writeFileSync(join(dir, 'a.Dockerfile'), 'FROM alpine:3.20\nUSER 1000\nRUN apk add curl\nRUN  apk add   curl\n');
    const two = run(
      '--baseline',
      '.k8slint-baseline.json',
      '--rule',
      'apk-add-no-cache',
      '--fail-on',
      'info',
      '-f',
      'json',
      'a.Dockerfile',
    );
    expect(two.code).toBe(1);
    expect(jsonFindings(two.stdout).map((f) => f.baselineState)).toEqual(['unchanged', 'new']);
    run('--update-baseline', '--rule', 'apk-add-no-cache', 'a.Dockerfile');
    expect(readBaselineFile().entries).toEqual([{ rule: 'apk-add-no-cache', file: 'a.Dockerfile', snippet: 'RUN apk add curl', count: 2 }]);
  });

  it('update rewrites: fixed findings leave, files not linted keep their entries', () => {
    run('--update-baseline', '.');
    const all = readBaselineFile().entries;
    expect(all.some((e) => e.file === 'Dockerfile')).toBe(true);
    // Fix the host network, then update from a run over deploy/ only.
    writeFileSync(join(dir, 'deploy/pod.yaml'), POD.replace('  hostNetwork: true\n', ''));
    expect(run('--update-baseline', 'deploy').code).toBe(0);
    const updated = readBaselineFile().entries;
    expect(updated.some((e) => e.rule === 'host-network')).toBe(false);
    expect(updated.filter((e) => e.file === 'Dockerfile')).toEqual(all.filter((e) => e.file === 'Dockerfile'));
  });

  it('paths are relative to the baseline file, so it works from another directory and from the config', () => {
    mkdirSync(join(dir, 'ci'));
    run('--update-baseline', '--baseline', 'ci/baseline.json', '.');
    expect(readBaselineFile('ci/baseline.json').entries.map((e) => e.file)).toContain('../deploy/pod.yaml');
    // From deploy/, with the baseline named by the config (relative to the config's folder).
    writeFileSync(join(dir, '.k8slint.yaml'), 'baseline: ci/baseline.json\n');
    const sub = k8slint(['pod.yaml'], { cwd: join(dir, 'deploy') });
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/✔ no new problems/);
  });

  it('marks SARIF results unchanged or new (valid SARIF), and only new findings count for the exit code', () => {
    run('--update-baseline', 'deploy');
    writeFileSync(join(dir, 'deploy/pod.yaml'), POD.replace('name: app', 'name: app\n      securityContext:\n        privileged: true'));
    const result = lintProject({ cwd: dir, paths: ['deploy'], baseline: '.k8slint-baseline.json' });
    expect(result.exitCode).toBe(1);
    const sarif = run('--baseline', '.k8slint-baseline.json', '-f', 'sarif', 'deploy');
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; baselineState: string }> }> }).runs[0]!
      .results;
    expect(results.find((r) => r.ruleId === 'privileged-container')?.baselineState).toBe('new');
    expect(results.find((r) => r.ruleId === 'host-network')?.baselineState).toBe('unchanged');
    expect(results.every((r) => r.baselineState === 'new' || r.baselineState === 'unchanged')).toBe(true);
    if (sarifMultitool.available) expect(validateSarif(sarif.stdout).status).toBe(0);
    // Without new findings at or above fail-on the run passes, baselined errors or not.
    writeFileSync(join(dir, 'deploy/pod.yaml'), POD);
    expect(lintProject({ cwd: dir, paths: ['deploy'], baseline: '.k8slint-baseline.json' }).exitCode).toBe(0);
    // GitHub annotations leave baselined findings out.
    expect(run('--baseline', '.k8slint-baseline.json', '-f', 'github', 'deploy').stdout).toBe('');
  }, 120_000);

  it('a missing or malformed baseline is exit 2 with the path; other formats without a baseline have no marks', () => {
    const missing = run('--baseline', 'nope.json', '.');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('k8slint: baseline nope.json does not exist; create it with --update-baseline\n');
    writeFileSync(join(dir, 'bad.json'), '{"k8slintBaseline": 1, "entries": [{"rule": "x"}]}');
    const bad = run('--baseline', 'bad.json', '.');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: not a k8slint baseline: entries[0].file must be a string');
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(run('--baseline', 'broken.json', '.').stderr).toMatch(/broken\.json: not a k8slint baseline: invalid JSON/);
    expect(run('-f', 'json', '.').stdout).not.toContain('baselineState');
  });
});
