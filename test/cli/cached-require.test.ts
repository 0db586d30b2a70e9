import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeCacheUse } from '../../src/cli/cached-require.js';
import { ensureBuilt, ROOT } from '../helpers/build.js';

ensureBuilt();
const BUILT = pathToFileURL(join(ROOT, 'dist/src/cli/cached-require.js')).href;

const MODULE_SOURCE = [
  "const { basename } = require('node:path');",
  'function greet(name) { return `hello ${name} from ${basename(__filename)}`; }',
  'exports.greeting = greet(module.id === __filename ? "é" : "?");',
  'exports.folder = __dirname;',
  '',
].join('\n');

let dir: string;
let file: string;
let cache: string;

interface Loaded {
  exports: unknown;
  cache: CodeCacheUse;
  saveCache(): void;
}

/**
 * Loads the file in a process of its own (V8 also keeps compiled scripts in memory, which would
 * answer a second load in the same process whatever the disk holds); `saveCache` runs it again,
 * as the CLI does after its run.
 */
function load(extra: NodeJS.ProcessEnv = {}, preferNodeCache = false): Loaded {
  const inChild = (save: boolean) => {
    const script = `import { requireWithCodeCache } from ${JSON.stringify(BUILT)};
      if (process.env.TEST_UMASK) process.umask(parseInt(process.env.TEST_UMASK, 8));
      const loaded = requireWithCodeCache(${JSON.stringify(file)}, { env: process.env, preferNodeCache: ${preferNodeCache} });
      if (${save}) loaded.saveCache();
      process.stdout.write(JSON.stringify({ exports: loaded.exports, cache: loaded.cache }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: cache, ...extra },
      timeout: 20_000,
    });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as Omit<Loaded, 'saveCache'>;
  };
  return { ...inChild(false), saveCache: () => void inChild(true) };
}
const entries = () => readdirSync(cache).filter((name) => name.endsWith('.v8'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8slint-cached-require-'));
  file = join(dir, 'bundle.cjs');
  cache = join(dir, 'cache');
  writeFileSync(file, MODULE_SOURCE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('requireWithCodeCache (our V8 code cache, used where Node has none)', () => {
  it('runs the file as CommonJS, compiles it once, and answers later loads from the cache', () => {
    const first = load();
    expect(first.exports).toEqual({ greeting: 'hello é from bundle.cjs', folder: dir });
    expect(first.cache).toBe('miss');
    expect(entries()).toEqual([]);
    first.saveCache();
    expect(entries()).toHaveLength(1);

    const second = load();
    expect(second.cache).toBe('hit');
    expect(second.exports).toEqual(first.exports);
  });

  it('keeps the folder and its entries private to the user', () => {
    if (process.platform === 'win32') return;
    load().saveCache();
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(statSync(join(cache, entries()[0]!)).mode & 0o777).toBe(0o600);
  });

  it('makes the folder private whatever the umask lets through, and its missing parents too', () => {
    if (process.platform === 'win32') return;
    cache = join(dir, 'nested', 'cache');
    const loaded = load({ TEST_UMASK: '002' });
    expect(loaded.cache).toBe('miss');
    loaded.saveCache();
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(entries()).toHaveLength(1);
    expect(load().cache).toBe('hit');
  });

  it('gives up on a folder that cannot be made, even under /proc (where a recursive mkdir never ends)', () => {
    if (process.platform !== 'linux') return;
    cache = '/proc/k8slint-no-such-dir/cache';
    const loaded = load();
    expect(loaded.cache).toBe('off');
    expect(loaded.exports).toMatchObject({ greeting: 'hello é from bundle.cjs' });
  });

  it('compiles afresh when the entry is damaged, and replaces it', () => {
    load().saveCache();
    const entry = join(cache, entries()[0]!);
    writeFileSync(entry, Buffer.from('not V8 code'));
    const damaged = load();
    expect(damaged.cache).toBe('miss');
    expect(damaged.exports).toMatchObject({ greeting: 'hello é from bundle.cjs' });
    damaged.saveCache();
    expect(readFileSync(entry).length).toBeGreaterThan(100);
    expect(load().cache).toBe('hit');
  });

  it('compiles afresh when the file changed, and drops the old entry', () => {
    load().saveCache();
    const before = entries();
    writeFileSync(file, `${MODULE_SOURCE}exports.extra = 1;\n`);
    const changed = load();
    expect(changed.cache).toBe('miss');
    expect(changed.exports).toMatchObject({ extra: 1 });
    changed.saveCache();
    expect(entries()).toHaveLength(1);
    expect(entries()).not.toEqual(before);
  });

  it('compiles afresh after an upgrade in place that keeps the length and the time (npm gives every file one time)', () => {
    const npmTime = new Date('1985-10-26T08:15:00Z');
    utimesSync(file, npmTime, npmTime);
    load().saveCache();
    const same = MODULE_SOURCE.replace('hello', 'howdy');
    expect(same.length).toBe(MODULE_SOURCE.length);
    writeFileSync(file, same);
    utimesSync(file, npmTime, npmTime);
    const upgraded = load();
    expect(upgraded.cache).toBe('miss');
    expect(upgraded.exports).toMatchObject({ greeting: 'howdy é from bundle.cjs' });
  });

  it('writes nothing with NODE_DISABLE_COMPILE_CACHE, and still loads the file', () => {
    const off = load({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(off.cache).toBe('off');
    expect(off.exports).toMatchObject({ greeting: 'hello é from bundle.cjs' });
    off.saveCache();
    expect(() => readdirSync(cache)).toThrow();
  });

  it('never uses a folder other users can write to', () => {
    if (process.platform === 'win32') return;
    mkdirSync(cache, { mode: 0o700 });
    chmodSync(cache, 0o777);
    const shared = load();
    expect(shared.cache).toBe('off');
    expect(shared.exports).toMatchObject({ greeting: 'hello é from bundle.cjs' });
    shared.saveCache();
    expect(entries()).toEqual([]);
  });

  it('leaves the work to Node where Node has a compile cache (22.1 and later)', () => {
    const nodeHasOne = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
    const loaded = load({}, true);
    expect(loaded.cache).toBe(nodeHasOne ? 'node' : 'miss');
    expect(loaded.exports).toMatchObject({ greeting: 'hello é from bundle.cjs' });
  });
});
