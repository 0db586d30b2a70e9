/**
 * The CEL library must cost nothing to runs that use no CEL, and must work next to the GitHub
 * Action bundle, which runs without node_modules. This bundles the CEL module as the Action bundle
 * is built (src/action/bundle.mjs), into a folder outside the project (where nothing resolves from
 * node_modules), with the `cel-library.cjs` that script builds next to it, and counts the library's
 * start-up work by the calls its modules make to Object.freeze while they initialise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_LIBRARY } from '../../src/util/cel/library.js';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'k8slint-cel-bundle-'));

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

interface Report {
  afterImport: number;
  afterCompile: number;
  result: unknown;
  resolvable: boolean;
}

function probe(): Report {
  const run = spawnSync(process.execPath, [join(dir, 'probe.mjs')], { cwd: dir, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

beforeAll(async () => {
  const actionOut = join(dir, 'action');
  execFileSync(process.execPath, [join(ROOT, 'src/action/bundle.mjs'), '--outdir', actionOut]);
  renameSync(join(actionOut, BUNDLED_LIBRARY), join(dir, BUNDLED_LIBRARY));
  await build({
    absWorkingDir: ROOT,
    entryPoints: [{ in: 'src/util/cel/index.ts', out: 'cel' }],
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: {
      js: "import { createRequire as __k8slintCreateRequire } from 'node:module';\nconst require = __k8slintCreateRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'probe.mjs'), PROBE);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loading the CEL library', () => {
  it('keeps the engine out of the bundle that imports the CEL module', () => {
    const bundle = readFileSync(join(dir, 'cel.js'), 'utf8');
    expect(bundle).toContain('compileCel');
    expect(bundle).not.toContain('Unknown limits option');
    expect(bundle).not.toContain('RE2JSSyntaxException');
    const library = readFileSync(join(dir, BUNDLED_LIBRARY), 'utf8');
    expect(library).toContain('Unknown limits option');
    expect(library).toContain('RE2JSSyntaxException');
  });

  it('runs none of it until the first compileCel call, then loads it from the sibling file without node_modules', () => {
    const report = probe();
    expect(report.resolvable).toBe(false);
    expect(report.result).toEqual({ ok: true, value: true });
    expect(report.afterImport).toBe(0);
    expect(report.afterCompile).toBeGreaterThan(10);
  });

  it('says so when the library can be found nowhere', () => {
    renameSync(join(dir, BUNDLED_LIBRARY), join(dir, 'moved.cjs'));
    try {
      expect(probe().result).toEqual({
        ok: false,
        error: { message: expect.stringContaining('the CEL library could not be loaded') as string, offset: 0 },
      });
    } finally {
      renameSync(join(dir, 'moved.cjs'), join(dir, BUNDLED_LIBRARY));
    }
  });
});
