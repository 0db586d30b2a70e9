import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { accessSync, constants, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { makeDirectory } from '../util/data-cache.js';

/**
 * How a module was compiled: `node` (Node's own compile cache, Node ≥ 22.1), `hit` (from our cache),
 * `miss` (compiled from source; `saveCache` writes the cache), `off` (no cache: disabled or no safe folder).
 */
export type CodeCacheUse = 'node' | 'hit' | 'miss' | 'off';

export interface CachedModule {
  exports: unknown;
  cache: CodeCacheUse;
  /** Writes the code V8 compiled so far (call it after the run, so lazily compiled functions are in); a no-op unless `miss`. */
  saveCache: () => void;
}

export interface CachedRequireOptions {
  env?: NodeJS.ProcessEnv;
  /** Use Node's `module.enableCompileCache` where it exists (default); false forces our own cache, for tests. */
  preferNodeCache?: boolean;
}

/**
 * Loads a CommonJS file, as `require` would, through a V8 code cache on disk: Node 20 has no compile
 * cache of its own (`module.enableCompileCache` came in 22.1), and compiling the 1.2 MB lint bundle is
 * a third of a lint run's start-up. The cache follows Node's conventions: `NODE_COMPILE_CACHE` names
 * its folder (default: a per-user folder in the OS temp folder), `NODE_DISABLE_COMPILE_CACHE` turns it off.
 * V8 checks cached code against the flags and rejects what does not match, and the entry name
 * carries a hash of the file's content and the Node version, so a rebuild or an upgrade compiles
 * afresh. A folder another user could write to is never used.
 */
export function requireWithCodeCache(file: string, options: CachedRequireOptions = {}): CachedModule {
  const env = options.env ?? process.env;
  const load = createRequire(file);
  const nodeCache = (module as { enableCompileCache?: unknown }).enableCompileCache;
  if (options.preferNodeCache !== false && typeof nodeCache === 'function') {
    return { exports: load(file), cache: 'node', saveCache: () => undefined };
  }
  const folder = env.NODE_DISABLE_COMPILE_CACHE ? undefined : cacheFolder(env);
  const bytes = readFileSync(file);
  // The bundles are ASCII (esbuild's charset: ascii): latin1 decodes them several times faster than UTF-8.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const entry = folder === undefined ? undefined : cacheEntry(folder, file, bytes);
  const cachedData = entry === undefined ? undefined : readCacheEntry(entry);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData && { cachedData }),
  });
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const holder = { exports: {} as unknown, filename: file, id: file };
  wrapper.call(holder.exports, holder.exports, load, holder, file, dirname(file));
  const loaded = { exports: holder.exports, saveCache: () => undefined };
  if (entry === undefined) return { ...loaded, cache: 'off' };
  if (cachedData !== undefined && !script.cachedDataRejected) return { ...loaded, cache: 'hit' };
  return { ...loaded, cache: 'miss', saveCache: () => writeCacheEntry(file, entry, script) };
}

/** The cache folder, created private; undefined when it cannot be made, is not ours alone, or cannot be written. */
function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const folder = env.NODE_COMPILE_CACHE || join(tmpdir(), `k8slint-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    makePrivateFolder(folder);
    const stat = lstatSync(folder);
    if (!stat.isDirectory()) return undefined;
    // Code read from this folder runs as us: another user who can write to it could plant some.
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
    // A folder we cannot write would make every run compile, then fail to keep the result.
    accessSync(folder, constants.W_OK);
    return folder;
  } catch {
    return undefined;
  }
}

/** `mkdir` of the folder with mode 0700 whatever the umask lets through, its parents made as usual. */
function makePrivateFolder(folder: string): void {
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT') throw error;
    // Bounded, unlike mkdirSync's `recursive` (which loops forever under /proc): NODE_COMPILE_CACHE is user input.
    makeDirectory(dirname(folder));
    mkdirSync(folder, { mode: 0o700 });
  }
}

/**
 * The entry of `file`: named by its path, then by its content, the Node version and the platform.
 * The content, not the file's size and time: V8 checks only the source's length, and npm gives every
 * installed file the same time, so an upgrade in place could otherwise meet the old version's code.
 */
function cacheEntry(folder: string, file: string, bytes: Buffer): string {
  return join(folder, `${entryPrefix(file)}${digest(`${process.version}\0${process.arch}\0`, bytes).slice(0, 20)}.v8`);
}

/** What the names of `file`'s entries start with. */
function entryPrefix(file: string): string {
  return `${digest(file).slice(0, 8)}-`;
}

function digest(...parts: Array<string | Buffer>): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

function readCacheEntry(entry: string): Buffer | undefined {
  try {
    return readFileSync(entry);
  } catch {
    return undefined;
  }
}

/** Writes the entry whole (a temporary file, then a rename) and drops the file's older entries. */
function writeCacheEntry(file: string, entry: string, script: Script): void {
  const folder = dirname(entry);
  const prefix = entryPrefix(file);
  const temporary = `${entry}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, entry);
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (name.startsWith(prefix) && name.endsWith('.v8') && path !== entry) rmSync(path, { force: true });
    }
  } catch {
    // A cache that cannot be written only costs speed next time.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do.
    }
  }
}
