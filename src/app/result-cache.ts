import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cacheDirectory, readCacheEntry, writeCacheEntry } from '../util/data-cache.js';
import type { Finding, InputError, SourceFile } from '../types.js';
import type { Config } from '../config/load.js';
import type { Selection } from './select.js';
import { VERSION } from './version.js';

/**
 * The result cache of `--cache` (ESLint's `--cache`, for a pre-commit hook or a CI re-run over
 * files that did not change): each file's findings and input errors, as JSON data (never code),
 * under a key per file, hash(file content, paths, k8slint build, effective config, enabled rules with
 * their options and severities, Kubernetes version, schema source).
 *
 * Whole runs only: the findings of a file may depend on every other file of the run (cross-object
 * rules such as service-selects-no-pods or duplicate-object, CRDs that give custom resources their
 * schemas, ShellCheck's batch over all Dockerfiles), and re-checking those needs the parsed model of
 * every file, which is the cost the cache saves. So a run is answered from the cache only when it lints
 * exactly the same files as the cached one and every file's key matches; otherwise everything is
 * linted and the cache rewritten. A corrupt or foreign cache file is ignored and replaced
 * (src/util/data-cache.ts); writes are atomic.
 */
export const RESULT_CACHE_FORMAT = 'k8slint-results/1';

/** Cached results of one file (or, under `other`, of what no linted file holds). */
interface FileResults {
  key: string;
  findings: Finding[];
  errors: InputError[];
}

interface CacheBody {
  format: string;
  runKey: string;
  files: Record<string, FileResults>;
  other: Omit<FileResults, 'key'>;
}

export interface ResultCacheInput {
  cwd: string;
  /** The paths as asked (one cache entry per working directory and path list). */
  paths: readonly string[];
  /** Base directory of k8slint's caches (`--cache-location`); results go to its `results/` folder. */
  cacheLocation?: string;
  config: Config;
  selection: Selection;
  kubernetesVersion: string;
  /** `--namespace`: the namespace of objects that set none. */
  defaultNamespace?: string;
  strictSchemas: boolean;
  /** Version written into reports. */
  reportVersion: string;
  /** The running k8slint code; default: its version and build (see buildIdentity). */
  build?: string;
}

export interface CachedResults {
  findings: Finding[];
  /** Parse and schema errors (not the discovery's, which are found afresh each run). */
  errors: InputError[];
}

export class ResultCache {
  private readonly dir: string;
  private readonly entryKey: string;
  private readonly runKey: string;

  constructor(input: ResultCacheInput) {
    this.dir = cacheDirectory('results', input.cacheLocation !== undefined ? { cacheLocation: input.cacheLocation } : {});
    this.entryKey = [RESULT_CACHE_FORMAT, input.cwd, ...input.paths].join('\0');
    this.runKey = sha256(
      stableJson({
        format: RESULT_CACHE_FORMAT,
        build: input.build ?? buildIdentity(),
        reportVersion: input.reportVersion,
        config: input.config,
        rules: input.selection.rules.map((r) => r.meta.id).sort(),
        severities: [...input.selection.severities].sort(byFirst),
        ruleOptions: [...input.selection.ruleOptions].sort(byFirst),
        kubernetesVersion: input.kubernetesVersion,
        defaultNamespace: input.defaultNamespace ?? null,
        strictSchemas: input.strictSchemas,
        schemas: 'bundled',
      }),
    );
  }

  /** The cached results when the run lints exactly these files, unchanged, under the same settings. */
  read(files: readonly SourceFile[]): CachedResults | undefined {
    const text = readCacheEntry(this.dir, this.entryKey);
    if (text === undefined) return undefined;
    let body: CacheBody;
    try {
      body = JSON.parse(text) as CacheBody;
    } catch {
      return undefined;
    }
    if (!isBody(body) || body.runKey !== this.runKey) return undefined;
    const cached = Object.keys(body.files);
    if (cached.length !== new Set(files.map((f) => f.displayPath)).size) return undefined;
    const findings: Finding[] = [];
    const errors: InputError[] = [];
    for (const file of files) {
      const entry = Object.prototype.hasOwnProperty.call(body.files, file.displayPath) ? body.files[file.displayPath] : undefined;
      if (!entry || entry.key !== this.fileKey(file)) return undefined;
    }
    // Findings and errors are stored grouped by file in the run's order; the caller sorts them as a fresh run does.
    for (const entry of [...Object.values(body.files), body.other]) {
      findings.push(...entry.findings);
      errors.push(...entry.errors);
    }
    return { findings, errors };
  }

  /** Records a run's results; false when the cache cannot be written (that costs only a full run next time). */
  write(files: readonly SourceFile[], findings: readonly Finding[], errors: readonly InputError[]): boolean {
    const body: CacheBody = { format: RESULT_CACHE_FORMAT, runKey: this.runKey, files: {}, other: { findings: [], errors: [] } };
    const byPath = new Map<string, FileResults>();
    for (const file of files) {
      const entry: FileResults = { key: this.fileKey(file), findings: [], errors: [] };
      byPath.set(file.displayPath, entry);
      body.files[file.displayPath] = entry;
    }
    for (const finding of findings) (byPath.get(finding.file) ?? body.other).findings.push(finding);
    for (const error of errors) (byPath.get(error.file) ?? body.other).errors.push(error);
    return writeCacheEntry(this.dir, this.entryKey, JSON.stringify(body));
  }

  private fileKey(file: SourceFile): string {
    return createHash('sha256')
      .update(this.runKey)
      .update('\0')
      .update(
        // What kustomizations and the project boundary say of the file changes its findings as its text does.
        JSON.stringify([
          file.path,
          file.displayPath,
          file.kind,
          file.explicit,
          file.dockerignore ?? null,
          file.kustomize ?? null,
          file.composeBuild ?? null,
          file.project ?? null,
        ]),
      )
      .update('\0')
      .update(file.text)
      .digest('hex');
  }
}

/**
 * The running k8slint code: its version, plus where this module lives and when it was built (the
 * bundled CLI's chunk names carry a content hash; a rebuild of dist/ rewrites every file), so a
 * changed rule invalidates results even before the version number moves.
 */
function buildIdentity(): string {
  const url = import.meta.url;
  let built = '';
  try {
    const stat = statSync(fileURLToPath(url));
    built = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    // Not a file (bundled into something else): the version and URL stand alone.
  }
  return `${VERSION}\0${url}\0${built}`;
}

function isBody(value: unknown): value is CacheBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Partial<CacheBody>;
  const isResults = (r: unknown): boolean =>
    typeof r === 'object' && r !== null && Array.isArray((r as FileResults).findings) && Array.isArray((r as FileResults).errors);
  return (
    body.format === RESULT_CACHE_FORMAT &&
    typeof body.runKey === 'string' &&
    typeof body.files === 'object' &&
    body.files !== null &&
    Object.values(body.files).every((f) => isResults(f) && typeof f.key === 'string') &&
    isResults(body.other)
  );
}

function byFirst(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** JSON with object keys sorted, so equal settings hash equally whatever order they were written in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
