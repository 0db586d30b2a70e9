import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/**
 * A disk cache of data, never of code: each entry is a JSON file holding its key, the body and the
 * body's sha256, under a format version. An entry that is zero bytes (a crash before fsync), corrupt,
 * for another key, of another format or whose body does not match its hash is ignored (and
 * replaced by the next write); entries are written atomically (temp file, fsync, rename).
 */
export const CACHE_FORMAT = 'k8slint-cache/1';

interface Entry {
  format: string;
  key: string;
  sha256: string;
  body: string;
}

/** `<base>/k8slint/<name>`: base is `--cache-location` if given, else `$XDG_CACHE_HOME` (absolute), else `~/.cache`. */
export function cacheDirectory(name: string, options: { cacheLocation?: string; env?: NodeJS.ProcessEnv } = {}): string {
  if (options.cacheLocation) return join(options.cacheLocation, name);
  const env = options.env ?? process.env;
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'k8slint', name);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function entryPath(dir: string, key: string): string {
  return join(dir, `${sha256(key).slice(0, 32)}.entry.json`);
}

/** The cached body for `key`, or undefined when there is no sound entry. */
export function readCacheEntry(dir: string, key: string): string | undefined {
  let entry: Partial<Entry>;
  try {
    entry = JSON.parse(readFileSync(entryPath(dir, key), 'utf8')) as Partial<Entry>;
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  if (entry.format !== CACHE_FORMAT || entry.key !== key || typeof entry.body !== 'string' || entry.sha256 !== sha256(entry.body))
    return undefined;
  return entry.body;
}

/** Stores `body` for `key`; false when the cache cannot be written (that only costs a fetch next time). */
export function writeCacheEntry(dir: string, key: string, body: string): boolean {
  try {
    makeDirectory(dir);
    const entry: Entry = { format: CACHE_FORMAT, key, sha256: sha256(body), body };
    writeFileAtomic(entryPath(dir, key), JSON.stringify(entry));
    return true;
  } catch {
    return false;
  }
}

/**
 * `mkdir -p` that always ends: Node's `mkdirSync(…, { recursive: true })` loops forever under
 * /proc (ENOENT again and again), and a cache location is user input.
 */
export function makeDirectory(dir: string, depth = 0): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir || depth > 100) throw error;
    makeDirectory(parent, depth + 1);
    mkdirSync(dir);
  }
}
