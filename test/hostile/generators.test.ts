import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch, TIME_BOUND_S, type CliRun } from './run-cli.js';
import { requirement } from '../helpers/programs.js';

// One generator per class of issue 17. Inputs are generated at test time (never committed); each
// run goes through the built CLI under `timeout` and a 1.5 GB heap, next to a good file that must
// still be linted.

const GOOD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n';
const TEST_TIMEOUT = (TIME_BOUND_S + 15) * 1000;
/** FIFOs are made with mkfifo(1); where it is absent (Windows) the FIFO cases skip, and the run's end says why. */
const mkfifo = requirement(
  spawnSync('sh', ['-c', 'command -v mkfifo'], { stdio: 'ignore' }).status === 0,
  'mkfifo is not on PATH: the FIFO cases of test/hostile/generators.test.ts',
);

interface JsonReport {
  findings: Array<{ file: string; ruleId: string; message: string }>;
  errors: Array<{ file: string; message: string }>;
}

/** A scratch folder with good.yaml and the hostile files. */
function project(files: Record<string, string> = {}): string {
  const dir = scratch();
  writeFileSync(join(dir, 'good.yaml'), GOOD);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Ended in time with exit 0, 1 or 2, no "unexpected error", and good.yaml linted. */
function expectContained(run: CliRun): JsonReport {
  expect(run.signal, `killed after ${run.ms} ms: ${run.stderr.slice(0, 500)}`).toBeNull();
  expect([0, 1, 2]).toContain(run.status);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
  const report = JSON.parse(run.stdout) as JsonReport;
  expect(report.findings.some((f) => f.file === 'good.yaml')).toBe(true);
  return report;
}

function lintJson(dir: string, paths: string[] = ['.']): JsonReport & { run: CliRun } {
  const run = runCli([...paths, '--format', 'json'], dir);
  return { ...expectContained(run), run };
}

function errorFor(report: JsonReport, file: string): string {
  const error = report.errors.find((e) => e.file === file);
  expect(error, `no input error for ${file}: ${JSON.stringify(report.errors)}`).toBeDefined();
  return error!.message;
}

function billionLaughs(levels: number, indent = '  '): string {
  let text = `${indent}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < levels; i++)
    text += `${indent}a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return text;
}

describe('hostile: output size (stylish)', () => {
  it(
    'a minified JSON List of 300 Deployments and a 3,000-command RUN print bounded reports',
    () => {
      const items = Array.from({ length: 300 }, (_, i) => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `d${i}` },
        spec: {
          selector: { matchLabels: { app: `a${i}` } },
          template: {
            metadata: { labels: { app: `a${i}` } },
            spec: { containers: [{ name: 'c', image: 'nginx:latest', securityContext: { privileged: true } }] },
          },
        },
      }));
      const commands = Array.from({ length: 3000 }, (_, i) => `apt-get install -y pkg${i}`);
      const dir = project({
        'list.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
        Dockerfile: `FROM ubuntu\nRUN ${commands.join(' && ')}\n`,
      });
      const run = runCli(['.', '--no-color'], dir);
      expect(run.signal).toBeNull();
      expect(run.status).toBe(1);
      expect(run.stdout.length).toBeLessThan(3_000_000);
      expect(run.stdout).toContain('good.yaml');
      expect(run.stdout).toContain('list.json');
    },
    TEST_TIMEOUT,
  );

  it(
    'terminal escapes in a manifest are printed escaped, even with --no-color',
    () => {
      const dir = project({
        'evil.yaml':
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\\e]0;pwned\\a\\e[2J"\nspec:\n  containers:\n    - name: "c\\e]8;;http://x\\e\\\\"\n      image: "nginx:latest\\e[31m"\n',
      });
      const run = runCli(['.', '--no-color'], dir);
      expect(run.stdout).toContain('evil.yaml');
      // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
      expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    },
    TEST_TIMEOUT,
  );
});

describe('hostile: one file must not abort the run', () => {
  it(
    'a List of 150k items is an input error naming the file and the budget',
    () => {
      const items = Array.from({ length: 150_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } }));
      const report = lintJson(project({ 'big.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) }));
      expect(errorFor(report, 'big.json')).toMatch(/100000-object budget.*limits\.maxObjectsPerFile/);
    },
    TEST_TIMEOUT,
  );

  it(
    'a 200 KB image string aliased into 3,000 containers',
    () => {
      let text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nx: &img ${'x'.repeat(200_000)}\nspec:\n  containers:\n`;
      for (let i = 0; i < 3000; i++) text += `  - {name: c${i}, image: *img}\n`;
      expect(errorFor(lintJson(project({ 'img.yaml': text })), 'img.yaml')).toContain('limits.maxFileBytes');
    },
    TEST_TIMEOUT,
  );

  it(
    'directories named .gitignore and .k8slintignore in a walked tree',
    () => {
      const dir = project({ '.gitignore/pod.yaml': GOOD.replace('good', 'in-dir'), 'sub/.k8slintignore/x.txt': 'x' });
      const report = lintJson(dir);
      expect(report.errors).toEqual([]);
      expect(report.findings.some((f) => f.file === '.gitignore/pod.yaml')).toBe(true);
    },
    TEST_TIMEOUT,
  );
});

describe('hostile: YAML alias amplification', () => {
  it(
    'billion laughs under a custom resource spec',
    () => {
      const text = `apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: x}\nspec:\n${billionLaughs(10)}`;
      expect(errorFor(lintJson(project({ 'cr.yaml': text })), 'cr.yaml')).toContain('limits.maxYamlNodes');
    },
    TEST_TIMEOUT,
  );

  it(
    'a List of Lists expanding to a million Pods',
    () => {
      let text =
        'apiVersion: v1\nkind: List\nx0: &p {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: i}]}}\n';
      text += 'x1: &l1 {apiVersion: v1, kind: List, items: [*p,*p,*p,*p,*p,*p,*p,*p,*p,*p]}\n';
      for (let i = 2; i < 7; i++)
        text += `x${i}: &l${i} {apiVersion: v1, kind: List, items: [${Array(10)
          .fill(`*l${i - 1}`)
          .join(',')}]}\n`;
      text += 'items: [*l6]\n';
      expect(errorFor(lintJson(project({ 'lol.yaml': text })), 'lol.yaml')).toContain('limits.maxYamlNodes');
    },
    TEST_TIMEOUT,
  );

  it(
    'billion laughs in annotations',
    () => {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n${billionLaughs(9, '    ')}`;
      const report = lintJson(project({ 'ann.yaml': text }));
      expect(errorFor(report, 'ann.yaml')).toContain('limits.maxYamlNodes');
      expect(report.run.ms).toBeLessThan(TIME_BOUND_S * 1000);
    },
    TEST_TIMEOUT,
  );
});

describe('hostile: files that are not files', () => {
  it('a FIFO named like a manifest or .k8slintignore, and a link to /dev/zero', { ...mkfifo.options, timeout: TEST_TIMEOUT }, () => {
    const dir = project();
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    execFileSync('mkfifo', [join(dir, '.k8slintignore')]);
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const walked = lintJson(dir);
    expect(errorFor(walked, '.k8slintignore')).toContain('FIFO');
    const named = lintJson(dir, ['good.yaml', 'pipe.yaml', 'zero.yaml']);
    expect(errorFor(named, 'pipe.yaml')).toContain('FIFO');
    expect(errorFor(named, 'zero.yaml')).toContain('character device');
  });

  // Config discovery reads .k8slint.yaml through the bounded reader, which refuses FIFOs: a config
  // that cannot be read stops the run (exit 2, as an invalid one does) rather than lint with other rules.
  it(
    'a FIFO named .k8slint.yaml (config discovery) is refused, naming the file, without hanging',
    { ...mkfifo.options, timeout: TEST_TIMEOUT },
    () => {
      const dir = project();
      execFileSync('mkfifo', [join(dir, '.k8slint.yaml')]);
      const run = runCli(['.', '--format', 'json'], dir, 10);
      expect(run.signal, `killed after ${run.ms} ms`).toBeNull();
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(join(dir, '.k8slint.yaml'));
      expect(run.stderr).toMatch(/FIFO, not a regular file/);
      expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
      const nested = join(dir, 'sub');
      mkdirSync(nested);
      writeFileSync(join(nested, 'pod.yaml'), GOOD);
      const fromBelow = runCli(['pod.yaml', '--format', 'json'], nested, 10);
      expect(fromBelow.signal).toBeNull();
      expect(fromBelow.status).toBe(2);
      expect(fromBelow.stderr).toContain(join(dir, '.k8slint.yaml'));
    },
  );
});

describe('hostile: odd but valid input', () => {
  it(
    'YAML 1.1 tags, duplicate keys in JSON, a toString label and a 1,000-deep CRD',
    () => {
      let deep = '{"type":"object"}';
      for (let i = 0; i < 1000; i++) deep = `{"type":"object","properties":{"a":${deep}}}`;
      const crd = `{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"ws.x.io"},"spec":{"group":"x.io","names":{"kind":"W","plural":"ws"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":${deep}}}]}}`;
      const report = lintJson(
        project({
          'tags.yaml':
            'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\nbinaryData:\n  b: !!binary aGk=\ndata:\n  t: !!timestamp 2001-12-14\n  s: !!set {a}\n',
          'dup.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "d", "name": "e"}}',
          'label.yaml':
            'apiVersion: v1\nkind: Pod\nmetadata:\n  name: l\n  labels:\n    a: {toString: 1}\nspec:\n  containers: [{name: c, image: "nginx:1.27"}]\n',
          'crd.json': crd,
        }),
      );
      expect(report.errors.map((e) => e.file)).toEqual(['crd.json']);
      expect(errorFor(report, 'crd.json')).toContain('limits.maxDepth');
      expect(report.findings.some((f) => f.file === 'dup.json' && f.ruleId === 'duplicate-key')).toBe(true);
      expect(report.findings.some((f) => f.file === 'label.yaml')).toBe(true);
    },
    TEST_TIMEOUT,
  );

  // 30 doubling ARGs would make a 2^30-character string if values were expanded eagerly (issue 17 item 8).
  it(
    '30 doubling ARGs do not make an internal error (Dockerfile model; issue 17 item 8)',
    () => {
      const args = Array.from({ length: 30 }, (_, i) => `ARG A${i + 1}=$A${i}$A${i}`).join('\n');
      const report = lintJson(project({ Dockerfile: `FROM ubuntu:24.04\nARG A0=x\n${args}\nRUN echo $A30\n` }));
      expect(report.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  // Once quadratic (issue 17 item 5: every instruction rescanned the earlier ones); the model now folds each stage chain once.
  it(
    '10k `RUN echo hi` lines, 2,500 chained stages (Dockerfile model; issue 17 item 5)',
    () => {
      const runs = Array.from({ length: 10_000 }, () => 'RUN echo hi').join('\n');
      const stages = Array.from({ length: 2_500 }, (_, i) => `FROM ${i === 0 ? 'ubuntu:24.04' : `s${i - 1}`} AS s${i}\nRUN echo ${i}`).join(
        '\n',
      );
      lintJson(project({ Dockerfile: `FROM ubuntu:24.04\n${runs}\n`, 'stages/Dockerfile': `${stages}\n` }));
    },
    TEST_TIMEOUT,
  );
});
