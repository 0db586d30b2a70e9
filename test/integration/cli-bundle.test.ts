import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/build.js';

ensureBuilt();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: { k8slint: string } };
const BIN = join(ROOT, pkg.bin.k8slint);

function run(file: string, args: string[]) {
  const result = spawnSync(process.execPath, [file, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file an ES module reaches through static imports (`import … from "./x.js"`), itself included. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+)["']/g))
    staticGraph(join(dirname(file), match[1]!), seen);
  return seen;
}

describe('the bundled command line (package.json bin)', () => {
  it('is the esbuild bundle in dist/cli, not the tsc output', () => {
    expect(pkg.bin.k8slint).toBe('dist/cli/k8slint.js');
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('answers --version and --help from files that hold no rule, parser or schema code', () => {
    const files = [...staticGraph(BIN)];
    expect(files.length).toBeGreaterThanOrEqual(1);
    const size = files.reduce((sum, f) => sum + readFileSync(f).length, 0);
    expect(size).toBeLessThan(50_000);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toContain('privileged-container');
      expect(text, f).not.toContain('parseAllDocuments');
      expect(text, f).not.toContain('DockerfileParser');
    }
    // …and the rest is the lint bundle, loaded by file name (through the code cache) when a command needs it.
    expect(readFileSync(BIN, 'utf8')).toMatch(/["']\.\/lint\.cjs["']/);
    expect(readFileSync(join(dirname(BIN), 'lint.cjs'), 'utf8')).toContain('privileged-container');
    expect(run(BIN, ['--version'])).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = run(BIN, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: k8slint/);
    expect(help.stdout).toContain('--cache ');
  }, 60_000);

  it('loads Ajv (dist/cli/ajv-library.cjs) only when something must be compiled or validated by it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-ajv-'));
    try {
      writeFileSync(
        join(dir, 'deployment.yaml'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: "x"\n',
      );
      const traced = (args: string[]) => {
        const result = spawnSync(process.execPath, [BIN, '--format', 'json', ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NODE_DEBUG: 'module' },
        });
        const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string }> };
        return { rules: report.findings.map((finding) => finding.ruleId), loadedAjv: result.stderr.includes('ajv-library.cjs') };
      };
      // A precompiled kind, no config file: the schema finding comes without Ajv.
      const plain = traced(['deployment.yaml']);
      expect(plain.rules).toContain('schema-type');
      expect(plain.loadedAjv).toBe(false);
      // A config file is validated with Ajv, loaded from the bundle's sibling file.
      writeFileSync(join(dir, '.k8slint.yaml'), 'rules:\n  schema-type: error\n');
      const configured = traced(['deployment.yaml']);
      expect(configured.rules).toEqual(plain.rules);
      expect(configured.loadedAjv).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reports exactly what the unbundled CLI reports, in every format', () => {
    for (const format of ['json', 'stylish', 'sarif']) {
      const args = ['--format', format, 'examples', 'fixtures/cli/broken.yaml'];
      const bundled = run(BIN, args);
      const plain = run(join(ROOT, 'dist/src/cli/main.js'), args);
      expect(bundled.status).toBe(2);
      expect(bundled).toEqual(plain);
    }
    expect(run(BIN, ['rules', '--format', 'json']).stdout).toBe(
      run(join(ROOT, 'dist/src/cli/main.js'), ['rules', '--format', 'json']).stdout,
    );
  }, 180_000);

  it('compiles the lint bundle once: later runs load it from the compile cache and report the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-compile-cache-'));
    try {
      const cache = join(dir, 'cache');
      const lint = (env: NodeJS.ProcessEnv) =>
        spawnSync(process.execPath, [BIN, '--format', 'json', 'examples'], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, ...env },
        });
      const cached = { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: '' };
      const first = lint(cached);
      // Ours on Node 20 (one `.v8` entry), Node's own from 22.1 (its own layout): either way, something is kept.
      const kept = readdirSync(cache, { recursive: true });
      expect(kept.length).toBeGreaterThan(0);
      const second = lint(cached);
      const uncached = lint({ NODE_DISABLE_COMPILE_CACHE: '1' });
      expect(first.status).toBe(1);
      expect(second.stdout).toBe(first.stdout);
      expect(uncached.stdout).toBe(first.stdout);
      expect(readdirSync(cache, { recursive: true })).toEqual(kept);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('lints on worker threads when told to (its own worker file), with the report of one thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-bundle-workers-'));
    try {
      // A preload that names every worker thread the main thread starts.
      const preload = join(dir, 'name-workers.cjs');
      writeFileSync(
        preload,
        [
          "const threads = require('node:worker_threads');",
          'if (threads.isMainThread) {',
          '  const Base = threads.Worker;',
          '  threads.Worker = class extends Base {',
          '    constructor(file, options) { process.stderr.write(`[worker ${String(file)}]\\n`); super(file, options); }',
          '  };',
          '}',
        ].join('\n'),
      );
      const lint = (workers: string) =>
        spawnSync(
          process.execPath,
          [
            '--require',
            preload,
            BIN,
            '--format',
            'json',
            '--workers',
            workers,
            'examples',
            'fixtures/rules/host-network',
            'fixtures/rules/missing-memory-limit',
          ],
          { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 },
        );
      const threaded = lint('2');
      const single = lint('1');
      expect(threaded.stderr).toContain(`[worker ${join(dirname(BIN), 'lint-worker.js')}]`);
      expect(single.stderr).not.toContain('[worker');
      expect(single.status).toBe(1);
      expect(threaded.status).toBe(single.status);
      expect(threaded.stdout).toBe(single.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reports a bad command line with exit 2 and a message, never a stack trace', () => {
    const bad = run(BIN, ['--bogus']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^k8slint: Unknown option '--bogus'/);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
  }, 60_000);
});
