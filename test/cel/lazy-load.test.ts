/**
 * The CEL library must cost nothing to runs that use no CEL, and must work inside the esbuild
 * bundles (the CLI in dist/cli, the GitHub Action in action/) that run without node_modules.
 * This bundles the CEL module with the options those bundles use, into a folder outside the project
 * (where nothing resolves from node_modules), and counts the library's start-up work by the calls
 * its modules make to Object.freeze while they initialise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'k8slint-cel-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROBE = `
import { createRequire } from 'node:module';
const freeze = Object.freeze;
let freezes = 0;
Object.freeze = (value) => { freezes++; return freeze(value); };
const resolvable = (name) => { try { createRequire(import.meta.url).resolve(name); return true; } catch { return false; } };
const { compileCel } = await import('./cel.js');
const afterImport = freezes;
const compiled = compileCel("object.name.matches('^w') && quantity('1Gi').isGreaterThan(quantity('1Mi'))", ['object']);
const result = compiled.ok ? compiled.program.evaluate({ object: { name: 'web' } }) : compiled;
console.log(JSON.stringify({ afterImport, afterCompile: freezes, result, resolvable: resolvable('@marcbachmann/cel-js') || resolvable('re2js') }));
`;

describe('loading the CEL library', () => {
  it('is deferred to the first compileCel call and needs no node_modules in a bundle', async () => {
    await build({
      absWorkingDir: ROOT,
      entryPoints: [{ in: 'src/util/cel/index.ts', out: 'cel' }],
      outdir: dir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      minify: true,
      banner: {
        js: "import { createRequire as __k8slintCreateRequire } from 'node:module';\nconst require = __k8slintCreateRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    expect(readFileSync(join(dir, 'cel.js'), 'utf8')).toContain('homogeneousAggregateLiterals');
    writeFileSync(join(dir, 'probe.mjs'), PROBE);
    const run = spawnSync(process.execPath, [join(dir, 'probe.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { afterImport: number; afterCompile: number; result: unknown; resolvable: boolean };
    expect(report.resolvable).toBe(false);
    expect(report.result).toEqual({ ok: true, value: true });
    expect(report.afterImport).toBe(0);
    expect(report.afterCompile).toBeGreaterThan(10);
  }, 60_000);
});
