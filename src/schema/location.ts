import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fullVersion } from './versions.js';

/** kubeconform's `default` location: yannh/kubernetes-json-schema on GitHub. */
export const DEFAULT_LOCATION =
  'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';

/** As kubeconform: `default` is yannh's repository; a location not ending in `json` is a base in that layout. */
export function expandLocation(location: string): string {
  if (location === 'default') return DEFAULT_LOCATION;
  if (!location.endsWith('json'))
    return `${location.replace(/\/+$/, '')}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
  return location;
}

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** Fills kubeconform's template variables for one (apiVersion, kind). */
export function fillLocation(template: string, apiVersion: string, kind: string, kubernetesVersion: string, strict = true): string {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const vars: Record<string, string> = {
    NormalizedKubernetesVersion: kubernetesVersion === 'master' ? 'master' : `v${fullVersion(kubernetesVersion)}`,
    StrictSuffix: strict ? '-strict' : '',
    ResourceKind: kind.toLowerCase(),
    ResourceAPIVersion: version,
    Group: group,
    KindSuffix: group ? `-${group.split('.')[0]}-${version}` : `-${version}`,
  };
  return template.replace(/\{\{-?\s*\.(\w+)\s*-?\}\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : whole));
}

export interface LocatedSchema {
  schema: Record<string, unknown>;
  /** File path or URL it came from. */
  source: string;
}

export class SchemaFetchError extends Error {}

export interface FetchOptions {
  /** Directory of the on-disk cache of fetched schemas; undefined: no disk cache. */
  cacheDir?: string;
  timeoutMs: number;
}

/** `$XDG_CACHE_HOME/k8slint/schemas`, else `~/.cache/k8slint/schemas`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'k8slint', 'schemas');
}

function cachePath(cacheDir: string, url: string): string {
  return join(cacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
}

function parseSchema(text: string, source: string): Record<string, unknown> {
  try {
    const schema = JSON.parse(text) as unknown;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Error('not a JSON object');
    return schema as Record<string, unknown>;
  } catch (error) {
    throw new SchemaFetchError(`schema ${source} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads a local schema; undefined when the file does not exist. */
export function readLocalSchema(path: string, cwd: string): LocatedSchema | undefined {
  const full = resolve(cwd, path);
  if (!existsSync(full)) return undefined;
  return { schema: parseSchema(readFileSync(full, 'utf8'), path), source: path };
}

/** A schema from the disk cache, if it is there. */
export function cachedSchema(url: string, cacheDir: string | undefined): LocatedSchema | undefined {
  if (!cacheDir) return undefined;
  const path = cachePath(cacheDir, url);
  if (!existsSync(path)) return undefined;
  try {
    return { schema: parseSchema(readFileSync(path, 'utf8'), url), source: url };
  } catch {
    return undefined;
  }
}

/** Fetches a schema over HTTP(S); undefined on 404; SchemaFetchError on anything else. Cached on disk. */
export async function fetchSchema(url: string, options: FetchOptions): Promise<LocatedSchema | undefined> {
  const cached = cachedSchema(url, options.cacheDir);
  if (cached) return cached;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    const e = error as Error;
    const reason =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `no answer within ${options.timeoutMs / 1000} s`
        : ((e.cause as Error | undefined)?.message ?? e.message);
    throw new SchemaFetchError(`cannot fetch schema ${url}: ${reason}`);
  }
  if (response.status === 404 || response.status === 410) return undefined;
  if (!response.ok) throw new SchemaFetchError(`cannot fetch schema ${url}: HTTP ${response.status} ${response.statusText}`);
  const text = await response.text();
  const schema = parseSchema(text, url);
  if (options.cacheDir) {
    try {
      mkdirSync(options.cacheDir, { recursive: true });
      writeFileSync(cachePath(options.cacheDir, url), text);
    } catch {
      // an unwritable cache only costs a fetch next time
    }
  }
  return { schema, source: url };
}

export function pairKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}
