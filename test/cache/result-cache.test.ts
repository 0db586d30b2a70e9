import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { k8slint } from '../helpers/cli.js';
import { lintProject } from '../../src/app/lint-project.js';
import { readEntry, ResultCache, writeEntry, type ResultCacheInput } from '../../src/app/result-cache.js';
import { selectRules } from '../../src/app/select.js';
import { baseSelection } from '../../src/app/presets.js';
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

/** The key stored in the results file's header line. */
function entryKey(): string {
  const header = readFileSyncText(entryFile()).split('\n')[0]!;
  return (JSON.parse(header) as { key: string }).key;
}

function readFileSyncText(file: string): string {
  return readFileSync(file, 'latin1');
}

/** Rewrites the cached entry's body (with a sound hash), to tell a cache hit from a fresh run. */
function tamper(edit: (body: { files: Record<string, { findings: Array<{ message: string }> }> }) => void): void {
  const key = entryKey();
  const parsed = JSON.parse(readEntry(join(cacheDir, 'results'), key)!) as Parameters<typeof edit>[0];
  edit(parsed);
  expect(writeEntry(join(cacheDir, 'results'), key, JSON.stringify(parsed))).toBe(true);
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
    const sound = readFileSyncText(file);
    for (const garbage of [
      '',
      '{"format":"k8slint-results-file/1","key":',
      '\u0000\u0001 not json',
      JSON.stringify({ format: 'x' }),
      sound.slice(0, sound.length - 10), // cut short: the hash no longer matches
      sound.replace('"findings":[', '"findings":[1,'), // edited
    ]) {
      writeFileSync(file, garbage);
      expect(run().stdout).toBe(fresh);
      expect(readFileSyncText(file)).not.toBe(garbage);
    }
    // A body that is sound JSON but not results (a hash that matches, a shape that does not).
    const key = entryKey();
    writeEntry(join(cacheDir, 'results'), key, JSON.stringify({ format: 'k8slint-results/1', runKey: 'x', files: 3 }));
    expect(run().stdout).toBe(fresh);
    expect(readEntry(join(cacheDir, 'results'), key)).toContain('"findings"');
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

/** The results file's inode: an answer by metadata leaves the file alone, any other run replaces it (atomic rename). */
function entryIno(): number {
  return statSync(entryFile()).ino;
}

/** Sets a file's mtime (and so its ctime, to now) without changing its content, as `touch -d` does. */
function retime(file: string, mtime: Date): void {
  utimesSync(join(dir, file), mtime, mtime);
}

describe('--cache by metadata', { timeout: 180_000 }, () => {
  it('answers an unchanged run without rewriting the cache, with byte-identical stylish, JSON and SARIF reports', () => {
    writeFileSync(join(dir, 'Dockerfile.dockerignore'), 'secrets/\n');
    for (const format of ['stylish', 'json', 'sarif']) {
      const argv = ['--format', format, '.'];
      const fresh = k8slint(argv, { cwd: dir, env: { NO_COLOR: '1' } });
      const cached = ['--cache', '--cache-location', join(cacheDir, format)];
      const cold = k8slint([...cached, ...argv], { cwd: dir, env: { NO_COLOR: '1' } });
      const results = join(cacheDir, format, 'results');
      const ino = statSync(join(results, readdirSync(results)[0]!)).ino;
      const warm = k8slint([...cached, ...argv], { cwd: dir, env: { NO_COLOR: '1' } });
      expect(statSync(join(results, readdirSync(results)[0]!)).ino).toBe(ino);
      expect(fresh.stdout.length).toBeGreaterThan(100);
      expect(cold).toEqual(fresh);
      expect(warm).toEqual(fresh);
    }
  });

  it('takes a new mtime with the same content for a hit by content, and answers by metadata again after', () => {
    run();
    markCached();
    const ino = entryIno();
    retime('deploy.yaml', new Date(Date.now() + 60_000));
    expect(run().stdout).toContain('CACHED ');
    expect(entryIno()).not.toBe(ino); // the new metadata was recorded
    const recorded = entryIno();
    expect(run().stdout).toContain('CACHED ');
    expect(entryIno()).toBe(recorded);
  });

  it('misses when content changes with the same size and the mtime set back (ctime tells)', () => {
    const mtime = new Date('2026-01-01T00:00:00Z');
    retime('deploy.yaml', mtime);
    run();
    markCached();
    const before = statSync(join(dir, 'deploy.yaml'));
    writeFileSync(join(dir, 'deploy.yaml'), deployment('apx'));
    retime('deploy.yaml', mtime);
    const after = statSync(join(dir, 'deploy.yaml'));
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const out = run().stdout;
    expect(out).not.toContain('CACHED ');
    expect(out).toContain('service-selects-no-pods');
  });

  it('misses when an ignore file changes what is linted, or a .dockerignore, a kustomization or a project marker appears or changes', () => {
    // [what, change, whether the results may change]: an ignore file that ignores nothing linted changes nothing.
    const steps: Array<[string, () => void, boolean]> = [
      ['.k8slintignore added, ignoring nothing', () => writeFileSync(join(dir, '.k8slintignore'), 'nothing-matches-this\n'), false],
      ['.k8slintignore edited', () => writeFileSync(join(dir, '.k8slintignore'), 'deploy.yaml\n'), true],
      ['.gitignore added, ignoring nothing', () => writeFileSync(join(dir, '.gitignore'), 'nothing-either\n'), false],
      ['.gitignore edited', () => writeFileSync(join(dir, '.gitignore'), 'Dockerfile\n'), true],
      ['.gitignore emptied', () => writeFileSync(join(dir, '.gitignore'), ''), true],
      ['.dockerignore added', () => writeFileSync(join(dir, '.dockerignore'), '.git\n'), true],
      ['.dockerignore edited', () => writeFileSync(join(dir, '.dockerignore'), '.git\nnode_modules\n'), true],
      ['a file in a new folder', () => (mkdirSync(join(dir, 'sub')), writeFileSync(join(dir, 'sub', 'pod.yaml'), SERVICE)), true],
      ['a project marker', () => mkdirSync(join(dir, 'sub', '.git')), true],
      ['a kustomization', () => writeFileSync(join(dir, 'sub', 'kustomization.yaml'), 'resources: [pod.yaml]\n'), true],
    ];
    run();
    for (const [what, change, changes] of steps) {
      markCached();
      change();
      if (changes) expect(run().stdout, what).not.toContain('CACHED ');
      else expect(run().stdout, what).toContain('CACHED ');
    }
    // The ignore file's edit took effect: deploy.yaml is no longer linted.
    expect(run().stdout).not.toContain('deploy.yaml');
  });

  it('misses when a kustomization outside the walked folder, which names a linted file, appears or changes', () => {
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'deploy.yaml'), deployment('api'));
    const runApp = () => k8slint(['--format', 'json', '--cache', '--cache-location', cacheDir, 'app'], { cwd: dir }).stdout;
    const plain = runApp();
    markCached();
    expect(runApp()).toContain('CACHED ');
    writeFileSync(join(dir, 'kustomization.yaml'), 'namePrefix: a-\nresources: [app/deploy.yaml]\n');
    expect(runApp()).not.toContain('CACHED ');
    markCached();
    writeFileSync(join(dir, 'kustomization.yaml'), 'namePrefix: b-\nresources: [app/deploy.yaml]\n');
    expect(runApp()).not.toContain('CACHED ');
    rmSync(join(dir, 'kustomization.yaml'));
    expect(runApp()).toBe(plain);
  });

  it('answers a run that names files, and misses when a named file is gone', () => {
    const named = () => k8slint(['--format', 'json', '--cache', '--cache-location', cacheDir, 'deploy.yaml', 'Dockerfile'], { cwd: dir });
    const first = named().stdout;
    markCached();
    expect(named().stdout).toContain('CACHED ');
    rmSync(join(dir, 'Dockerfile'));
    const gone = named();
    expect(gone.stdout).not.toContain('CACHED ');
    expect(gone.stdout).not.toBe(first);
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
