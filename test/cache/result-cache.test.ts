import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { k8slint } from '../helpers/cli.js';
import { lintProject } from '../../src/app/lint-project.js';
import { ResultCache, type ResultCacheInput } from '../../src/app/result-cache.js';
import { selectRules } from '../../src/app/select.js';
import { baseSelection } from '../../src/app/presets.js';
import { readCacheEntry, writeCacheEntry } from '../../src/util/data-cache.js';
import type { SourceFile } from '../../src/types.js';

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 80}]
`;
const deployment = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec:
      containers:
        - name: api
          image: api:1.0
`;

let dir: string;
let cacheDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8slint-cache-'));
  cacheDir = join(dir, '.cache');
  writeFileSync(join(dir, 'service.yaml'), SERVICE);
  writeFileSync(join(dir, 'deploy.yaml'), deployment('api'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `k8slint --cache` in the temp project, JSON report. */
function run(...extra: string[]) {
  const result = k8slint(['--format', 'json', '--cache', '--cache-location', cacheDir, ...extra, '.'], { cwd: dir });
  expect(result.stderr).toBe('');
  return result;
}

function entryFile(): string {
  const files = readdirSync(join(cacheDir, 'results'));
  expect(files).toHaveLength(1);
  return join(cacheDir, 'results', files[0]!);
}

/** Rewrites the cached entry's body (with a sound hash), to tell a cache hit from a fresh run. */
function tamper(edit: (body: { files: Record<string, { findings: Array<{ message: string }> }> }) => void): void {
  const file = entryFile();
  const { key, body } = JSON.parse(readFileSync(file, 'utf8')) as { key: string; body: string };
  const parsed = JSON.parse(body) as Parameters<typeof edit>[0];
  edit(parsed);
  expect(writeCacheEntry(join(cacheDir, 'results'), key, JSON.stringify(parsed))).toBe(true);
}

function markCached(): void {
  tamper((body) => {
    for (const entry of Object.values(body.files)) for (const f of entry.findings) f.message = `CACHED ${f.message}`;
  });
}

// Each case runs the whole CLI several times: slow on a loaded 2-core machine.
describe('--cache', { timeout: 180_000 }, () => {
  it('answers an unchanged run from the cache, with output identical to a fresh run', () => {
    const fresh = k8slint(['--format', 'json', '.'], { cwd: dir });
    const first = run();
    const second = run();
    expect(first.stdout).toBe(fresh.stdout);
    expect(second.stdout).toBe(fresh.stdout);
    expect(second.code).toBe(fresh.code);
    expect(k8slint(['--cache', '--cache-location', cacheDir, '.'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout).toBe(
      k8slint(['.'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout,
    );
    // And it really was the cache that answered.
    markCached();
    expect(run().stdout).toContain('CACHED ');
  });

  it('relints everything when one file changed, so cross-file findings stay right', () => {
    expect(JSON.parse(run().stdout).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('service-selects-no-pods');
    markCached();
    // The Service's file is unchanged, but its finding depends on the Deployment's labels.
    writeFileSync(join(dir, 'deploy.yaml'), deployment('apx'));
    const after = run();
    expect(after.stdout).not.toContain('CACHED ');
    const findings = JSON.parse(after.stdout).findings as Array<{ ruleId: string; file: string }>;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'service-selects-no-pods', file: 'service.yaml' }));
    expect(after.stdout).toBe(k8slint(['--format', 'json', '.'], { cwd: dir }).stdout);
  });

  it('misses when a file is added or removed', () => {
    run();
    markCached();
    writeFileSync(
      join(dir, 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx:latest}]\n',
    );
    expect(run().stdout).not.toContain('CACHED ');
    markCached();
    rmSync(join(dir, 'pod.yaml'));
    expect(run().stdout).not.toContain('CACHED ');
  });

  it('misses when the config, the rule selection or the Kubernetes version changed', () => {
    run();
    markCached();
    writeFileSync(join(dir, '.k8slint.yaml'), 'rules:\n  missing-user: off\n');
    const withConfig = run();
    expect(withConfig.stdout).not.toContain('CACHED ');
    expect(withConfig.stdout).not.toContain('"missing-user"');
    markCached();
    expect(run('--disable', 'apt-lists-not-deleted').stdout).not.toContain('CACHED ');
    markCached();
    expect(run('--kubernetes-version', '1.37').stdout).not.toContain('CACHED ');
    markCached();
    expect(run('--kubernetes-version', '1.37').stdout).toContain('CACHED ');
  });

  it('rebuilds a corrupt cache file and still answers right', () => {
    const fresh = run().stdout;
    const file = entryFile();
    for (const garbage of ['', '{"format":"k8slint-cache/1","key":', '\u0000\u0001 not json', JSON.stringify({ format: 'x' })]) {
      writeFileSync(file, garbage);
      expect(run().stdout).toBe(fresh);
      expect(readFileSync(file, 'utf8')).not.toBe(garbage);
    }
    // A body that is sound JSON but not results (a hash that matches, a shape that does not).
    const { key } = JSON.parse(readFileSync(file, 'utf8')) as { key: string };
    writeCacheEntry(join(cacheDir, 'results'), key, JSON.stringify({ format: 'k8slint-results/1', runKey: 'x', files: 3 }));
    expect(run().stdout).toBe(fresh);
    expect(readCacheEntry(join(cacheDir, 'results'), key)).toContain('"findings"');
  });

  it('is not used without --cache, nor with --timing', () => {
    k8slint(['--format', 'json', '.'], { cwd: dir });
    expect(() => readdirSync(join(cacheDir, 'results'))).toThrow();
    run();
    markCached();
    const timed = k8slint(['--format', 'json', '--cache', '--cache-location', cacheDir, '--timing', '.'], { cwd: dir });
    expect(timed.stdout).not.toContain('CACHED ');
  });
});

describe('ResultCache', () => {
  const files: SourceFile[] = [{ path: '/p/a.yaml', displayPath: 'a.yaml', kind: 'kubernetes', text: SERVICE, explicit: false }];
  const input = (over: Partial<ResultCacheInput> = {}): ResultCacheInput => ({
    cwd: '/p',
    paths: ['.'],
    cacheLocation: cacheDir,
    config: { ignorePaths: [], rules: {} },
    selection: selectRules({ ignorePaths: [], rules: {} }, [], [], baseSelection([], [], '1.36')),
    kubernetesVersion: '1.36',
    strictSchemas: false,
    reportVersion: '0.1.0',
    build: '0.1.0',
    ...over,
  });
  const finding = {
    ruleId: 'r',
    severity: 'warning' as const,
    category: 'c',
    message: 'm',
    file: 'a.yaml',
    span: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    docsUrl: 'u',
  };

  it('misses for another k8slint version or build, and for other settings', () => {
    expect(new ResultCache(input()).write(files, [finding], [])).toBe(true);
    expect(new ResultCache(input()).read(files)).toEqual({ findings: [finding], errors: [] });
    expect(new ResultCache(input({ build: '0.2.0' })).read(files)).toBeUndefined();
    expect(new ResultCache(input()).read(files)).toBeDefined();
    expect(new ResultCache(input({ strictSchemas: true })).read(files)).toBeUndefined();
    expect(new ResultCache(input({ reportVersion: 'x' })).read(files)).toBeUndefined();
    expect(new ResultCache(input({ config: { ignorePaths: ['x'], rules: {} } })).read(files)).toBeUndefined();
    expect(new ResultCache(input()).read([{ ...files[0]!, text: SERVICE + '\n' }])).toBeUndefined();
    expect(new ResultCache(input()).read([{ ...files[0]!, dockerignore: '*' }])).toBeUndefined();
  });

  it('keys equal settings equally whatever order the config was written in', () => {
    const a = { ignorePaths: [], rules: { 'missing-user': 'off' as const, 'apk-add-no-cache': 'off' as const } };
    const b = { rules: { 'apk-add-no-cache': 'off' as const, 'missing-user': 'off' as const }, ignorePaths: [] };
    new ResultCache(input({ config: a })).write(files, [finding], []);
    expect(new ResultCache(input({ config: b })).read(files)).toBeDefined();
  });

  it('serves lintProject only with cache: true, and not with schema locations or CRDs', () => {
    const options = { cwd: dir, paths: ['.'], cacheLocation: cacheDir, version: 'v' };
    const plain = lintProject({ ...options, cache: true });
    expect(lintProject({ ...options, cache: true }).report.findings).toEqual(plain.report.findings);
    markCached();
    expect(lintProject({ ...options, cache: true }).report.findings[0]?.message).toMatch(/^CACHED /);
    expect(lintProject(options).report.findings[0]?.message).not.toMatch(/^CACHED /);
    expect(lintProject({ ...options, cache: true, crds: [join(dir, 'service.yaml')] }).report.findings[0]?.message).not.toMatch(/^CACHED /);
  });
});
