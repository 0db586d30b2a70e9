import { pushAll } from '../util/arrays.js';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discover } from '../discover/discover.js';
import { parseFile, type ParsedFile } from '../engine/lint.js';
import type { InputError } from '../types.js';
import { expandLocation, fillLocation, isUrl, pairKey, readLocalSchema, SchemaFetchError, type LocatedSchema } from './location.js';
import { scanJson } from '../parsers/json-duplicates.js';
import { cacheDirectory, readCacheEntry } from '../util/data-cache.js';
import type { FetchResult } from './fetch-worker.js';
import { SchemaProvider } from './provider.js';

export interface SchemaSetupOptions {
  kubernetesVersion: string;
  /** `--schema-location`s, in order (`default`, a URL or a folder, with kubeconform's placeholders). */
  locations: readonly string[];
  /** `--crd` files or folders: CRDs parsed (not linted) to validate custom resources. */
  crds: readonly string[];
  cwd: string;
  /** Seconds to wait for one schema URL (default 30; K8SLINT_SCHEMA_TIMEOUT). */
  timeoutSeconds?: number;
  /** On-disk cache of fetched schemas (default `<cacheLocation>/schemas`). */
  cacheDir?: string;
  /** `--cache-location`: the base directory of k8slint's caches (default `$XDG_CACHE_HOME/k8slint`, else `~/.cache/k8slint`). */
  cacheLocation?: string;
}

/** Schemas nested deeper than this are refused (Kubernetes ones nest about 30 levels). */
const MAX_SCHEMA_DEPTH = 500;

/**
 * Builds the schema provider of a run before linting (rules do no I/O): CRDs from `--crd`, then the
 * schemas of every (apiVersion, kind) of the run found in the locations. URLs are fetched by a
 * child process (so this stays synchronous), in parallel, through the disk cache. A location that
 * cannot be read or fetched is an input error (exit 2).
 */
export function prepareSchemas(
  parsed: readonly ParsedFile[],
  options: SchemaSetupOptions,
): { provider: SchemaProvider; errors: InputError[] } {
  const errors: InputError[] = [];
  const crdProvider = new SchemaProvider({ kubernetesVersion: options.kubernetesVersion, bundled: false });
  const crdFiles = options.crds.length > 0 ? loadCrdFiles(options.crds, options.cwd, errors) : [];
  for (const file of [...crdFiles, ...parsed]) if (file.kubernetes) crdProvider.addObjects(file.kubernetes.objects);
  const located = new Map<string, LocatedSchema>();
  if (options.locations.length > 0) {
    const pairs = new Map<string, [string, string]>();
    for (const file of parsed) {
      for (const o of file.kubernetes?.objects ?? [])
        if (!crdProvider.definedByCrd(o.apiVersion, o.kind)) pairs.set(pairKey(o.apiVersion, o.kind), [o.apiVersion, o.kind]);
    }
    resolveLocationsSync([...pairs.values()], options, located, errors);
  }
  const provider = new SchemaProvider({ kubernetesVersion: options.kubernetesVersion, located, kustomizeInputs: kustomizeInputs(parsed) });
  for (const file of crdFiles) if (file.kubernetes) provider.addObjects(file.kubernetes.objects);
  return { provider, errors };
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Files whose directory holds a kustomization file: bases, overlays and patches, not what reaches the API server. */
function kustomizeInputs(parsed: readonly ParsedFile[]): Set<string> {
  const dirs = new Map<string, boolean>();
  const out = new Set<string>();
  for (const file of parsed) {
    if (!file.kubernetes || file.source.path === '-' || file.source.path === '') continue;
    const dir = dirname(resolve(file.source.path));
    let isInput = dirs.get(dir);
    if (isInput === undefined) dirs.set(dir, (isInput = KUSTOMIZATION_FILES.some((name) => existsSync(join(dir, name)))));
    if (isInput) out.add(file.source.displayPath);
  }
  return out;
}

function loadCrdFiles(paths: readonly string[], cwd: string, errors: InputError[]): ParsedFile[] {
  const discovery = discover([...paths], { cwd, ignorePaths: [] });
  pushAll(errors, discovery.errors);
  const out: ParsedFile[] = [];
  for (const file of discovery.files) {
    if (file.kind !== 'kubernetes') continue;
    const result = parseFile(file);
    if ('message' in result) errors.push(result);
    else out.push(result);
  }
  return out;
}

/** Location by location: local files are read, the URLs of one round fetched together. */
function resolveLocationsSync(
  pairs: Array<[string, string]>,
  options: SchemaSetupOptions,
  located: Map<string, LocatedSchema>,
  errors: InputError[],
): void {
  const templates = options.locations.map(expandLocation).filter((template) => {
    const problem = locationProblem(template, options.cwd);
    if (problem) errors.push({ file: template, message: problem });
    return !problem;
  });
  const cacheDir = options.cacheDir ?? (options.cacheLocation ? join(options.cacheLocation, 'schemas') : cacheDirectory('schemas'));
  const timeoutMs = (options.timeoutSeconds ?? (Number(process.env.K8SLINT_SCHEMA_TIMEOUT) || 30)) * 1000;
  let pending = pairs;
  const failed = new Set<string>();
  for (const template of templates) {
    const targets = pending.map(([apiVersion, kind]) => ({
      apiVersion,
      kind,
      target: fillLocation(template, apiVersion, kind, options.kubernetesVersion),
    }));
    const urls = [...new Set(targets.filter((t) => isUrl(t.target)).map((t) => t.target))];
    const fetched = fetchAll(urls, cacheDir, timeoutMs);
    const next: Array<[string, string]> = [];
    for (const t of targets) {
      let found: LocatedSchema | undefined;
      try {
        if (isUrl(t.target)) {
          const result = fetched.get(t.target);
          if (result instanceof Error) throw result;
          found = result;
        } else {
          found = readLocalSchema(t.target, options.cwd);
        }
      } catch (error) {
        const message = error instanceof SchemaFetchError || error instanceof Error ? error.message : String(error);
        if (!failed.has(message)) errors.push({ file: t.target, message });
        failed.add(message);
        continue;
      }
      if (found) located.set(pairKey(t.apiVersion, t.kind), found);
      else next.push([t.apiVersion, t.kind]);
    }
    pending = next;
    if (pending.length === 0) break;
  }
}

function workerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'fetch-worker.js');
  if (existsSync(sibling)) return sibling;
  // Running from src/ (tests): use the built worker.
  return join(here, '..', '..', 'dist', 'src', 'schema', 'fetch-worker.js');
}

/** Why a `--schema-location` cannot work at all (an unsupported scheme, a folder that does not exist), or undefined. */
export function locationProblem(template: string, cwd: string): string | undefined {
  if (isUrl(template)) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(template)?.[1];
  if (scheme) return `schema location ${template}: ${scheme}:// is not supported (use http://, https:// or a folder)`;
  const fixed = template.split('{{')[0] ?? '';
  const folder = template.includes('{{') ? (fixed.endsWith('/') ? fixed : dirname(fixed)) : dirname(template);
  if (folder && !existsSync(resolve(cwd, folder))) return `schema location ${template}: folder ${folder} does not exist`;
  return undefined;
}

/** A fetched or cached body as a schema: a JSON object nested no deeper than MAX_SCHEMA_DEPTH. */
function schemaFromText(text: string, url: string): LocatedSchema {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new SchemaFetchError(`schema ${url} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    throw new SchemaFetchError(`schema ${url} is not valid JSON: not a JSON object`);
  if (scanJson(text).depth > MAX_SCHEMA_DEPTH) throw new SchemaFetchError(`schema ${url} nests deeper than ${MAX_SCHEMA_DEPTH} levels`);
  return { schema: schema as Record<string, unknown>, source: url };
}

/** url → schema, undefined (404) or an Error. Cached URLs are not fetched again. */
function fetchAll(urls: string[], cacheDir: string, timeoutMs: number): Map<string, LocatedSchema | undefined | Error> {
  const out = new Map<string, LocatedSchema | undefined | Error>();
  const settle = (url: string, text: string): void => {
    try {
      out.set(url, schemaFromText(text, url));
    } catch (error) {
      out.set(url, error as Error);
    }
  };
  const missing: string[] = [];
  for (const url of urls) {
    const cached = readCacheEntry(cacheDir, url);
    if (cached !== undefined) settle(url, cached);
    else missing.push(url);
  }
  if (missing.length === 0) return out;
  const run = spawnSync(process.execPath, [workerPath()], {
    input: JSON.stringify({ urls: missing, cacheDir, timeoutMs }),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: timeoutMs + 10_000,
  });
  let results: Record<string, FetchResult> = {};
  try {
    results = JSON.parse(run.stdout || '{}') as Record<string, FetchResult>;
  } catch {
    // handled below: every URL without a result is an error
  }
  const failure = run.error
    ? (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
      ? `no answer within ${timeoutMs / 1000} s`
      : run.error.message
    : 'the fetch did not finish';
  for (const url of missing) {
    const r = results[url];
    if (!r) out.set(url, new SchemaFetchError(`cannot fetch schema ${url}: ${failure}`));
    else if (r.status === 'found') settle(url, r.text);
    else if (r.status === 'missing') out.set(url, undefined);
    else out.set(url, new SchemaFetchError(r.message));
  }
  return out;
}
