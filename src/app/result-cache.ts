import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readFileBounded } from '../discover/read.js';
import type { Discovery, Listing } from '../discover/discover.js';
import { fileURLToPath } from 'node:url';
import { cacheDirectory, makeDirectory } from '../util/data-cache.js';
import { writeFileAtomic } from '../util/atomic-write.js';
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
 * linted and the cache rewritten. A corrupt or foreign cache file is ignored and replaced; writes
 * are atomic. The file is src/util/data-cache.ts's entry laid out for speed (see readEntry).
 *
 * Two ways to know that the files are unchanged, as ESLint's `--cache-strategy metadata` and
 * `content`. First by metadata, without reading a linted file (`readUnchanged`): the directory walk
 * lists the same files (names only; ignore files are read), and every input the last run used is as
 * it was then: each file read (linted files, `.dockerignore`s, kustomizations) with the same size,
 * mtime, ctime and inode, and each path whose existence was asked (kustomization and project markers,
 * Helm `Chart.yaml`s) still there or still absent. Else by content (`read`): every file is read and
 * hashed, and a hit rewrites the metadata, so a `touch` or a fresh checkout costs one reading run.
 * ctime is checked besides mtime because a program can set mtime back (`touch -d`, `utimes`, an
 * archive extractor) but not ctime: a file rewritten with the same size and its old mtime still
 * misses, where ESLint, trusting size and mtime, would answer stale results.
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
  /** What the metadata check needs; absent for runs with stdin or texts given in place of files. */
  warm?: WarmState;
}

interface WarmState {
  /** Hash of the directory walk's listing (see listingKey). */
  listing: string;
  /** Each input path and its state (see inputState) when the run used it, checked by stat. */
  inputs: Record<string, string>;
  /** Input paths whose state (`none` or `dir`) the walk's folder names tell (see toldByListing). */
  told: Record<string, string>;
  /** The linted files in the run's order, without their text and annotations (their results are what is cached). */
  files: WarmFile[];
  discovery: Pick<Discovery, 'errors' | 'notices' | 'skippedExplicit'>;
}

type WarmFile = Pick<SourceFile, 'path' | 'displayPath' | 'kind' | 'explicit'>;

/** What a run with unchanged inputs reuses: its discovery (files without annotations, each read only when its text is asked for) and results. */
export interface UnchangedRun {
  discovery: Discovery;
  results: CachedResults;
}

/** What `write` needs to let the next run answer by metadata. */
export interface WarmRecord {
  listing: Listing;
  discovery: Discovery;
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
  private readonly inputs = new Map<string, string>();
  private parsed: { body: CacheBody | undefined } | undefined;

  /** Records the state of a path the run is about to read or ask about (pass it as discovery's `onInput`). */
  readonly noteInput = (path: string): void => {
    if (!this.inputs.has(path)) this.inputs.set(path, inputState(path));
  };

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
    const body = this.body();
    if (body === undefined) return undefined;
    const cached = Object.keys(body.files);
    if (cached.length !== new Set(files.map((f) => f.displayPath)).size) return undefined;
    for (const file of files) {
      const entry = Object.prototype.hasOwnProperty.call(body.files, file.displayPath) ? body.files[file.displayPath] : undefined;
      if (!entry || entry.key !== this.fileKey(file)) return undefined;
    }
    return resultsOf(body);
  }

  /**
   * The last run's discovery and results when this run's walk lists what it did and no input
   * changed by its metadata (see the top of this file); reads no linted file. `maxFileBytes` bounds
   * the reads of the texts that are asked for (the report's code frames).
   */
  readUnchanged(listing: Listing, options: { forcedType?: string; maxFileBytes: number }): UnchangedRun | undefined {
    const warm = this.body()?.warm;
    if (warm === undefined || warm.listing !== listingKey(listing, options.forcedType)) return undefined;
    const folders = folderNames(listing);
    for (const path in warm.told) if (!toldByListing(path, warm.told[path]!, folders)) return undefined;
    for (const path in warm.inputs) if (inputState(path) !== warm.inputs[path]) return undefined;
    const body = this.body()!;
    const files = warm.files.map((meta) => withLazyText(meta, options.maxFileBytes));
    if (files.some((f) => !Object.prototype.hasOwnProperty.call(body.files, f.displayPath))) return undefined;
    return {
      discovery: { ...warm.discovery, files, kustomizations: [] },
      results: resultsOf(body),
    };
  }

  /**
   * Records a run's results, and with `warm` what lets the next run answer by metadata (the inputs
   * noted through `noteInput`); false when the cache cannot be written (that costs only a full run next time).
   */
  write(
    files: readonly SourceFile[],
    findings: readonly Finding[],
    errors: readonly InputError[],
    warm?: WarmRecord & { forcedType?: string },
  ): boolean {
    const body: CacheBody = { format: RESULT_CACHE_FORMAT, runKey: this.runKey, files: {}, other: { findings: [], errors: [] } };
    if (warm)
      body.warm = {
        listing: listingKey(warm.listing, warm.forcedType),
        ...splitInputs(this.inputs, warm.listing),
        files: warm.discovery.files.map(({ path, displayPath, kind, explicit }) => ({ path, displayPath, kind, explicit })),
        discovery: { errors: warm.discovery.errors, notices: warm.discovery.notices, skippedExplicit: warm.discovery.skippedExplicit },
      };
    const byPath = new Map<string, FileResults>();
    for (const file of files) {
      const entry: FileResults = { key: this.fileKey(file), findings: [], errors: [] };
      byPath.set(file.displayPath, entry);
      body.files[file.displayPath] = entry;
    }
    for (const finding of findings) (byPath.get(finding.file) ?? body.other).findings.push(finding);
    for (const error of errors) (byPath.get(error.file) ?? body.other).errors.push(error);
    return writeEntry(this.dir, this.entryKey, JSON.stringify(body));
  }

  /** The cache entry of this run's paths when it is sound and of the same settings (parsed once per run). */
  private body(): CacheBody | undefined {
    if (this.parsed === undefined) {
      const text = readEntry(this.dir, this.entryKey);
      let body: unknown;
      try {
        body = text === undefined ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      this.parsed = { body: isBody(body) && body.runKey === this.runKey ? body : undefined };
    }
    return this.parsed.body;
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

/** Version of the layout of a results file (see readEntry). */
export const RESULT_FILE_FORMAT = 'k8slint-results-file/1';

export function resultFile(dir: string, key: string): string {
  return join(dir, `${sha256(key).slice(0, 32)}.results`);
}

/**
 * The body stored for `key`, or undefined when there is no sound file. A results file is a header
 * line (`{"format","key","sha256"}`) and the body, both JSON with every non-ASCII character escaped:
 * an ASCII file decodes as Latin-1 in a few milliseconds, where UTF-8 text with a few `…` in it
 * costs tenths of a second over megabytes of findings, and the body is parsed once, not
 * unescaped from a string first. A file cut short, edited or of another key fails the header or hash.
 */
export function readEntry(dir: string, key: string): string | undefined {
  let raw: string;
  try {
    raw = readFileSync(resultFile(dir, key), 'latin1');
  } catch {
    return undefined;
  }
  const newline = raw.indexOf('\n');
  if (newline === -1) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(raw.slice(0, newline));
  } catch {
    return undefined;
  }
  const body = raw.slice(newline + 1);
  if (typeof header !== 'object' || header === null) return undefined;
  const { format, key: stored, sha256: hash } = header as Record<string, unknown>;
  return format === RESULT_FILE_FORMAT && stored === key && hash === sha256(body) ? body : undefined;
}

/** Stores `body` (JSON) for `key`; false when the file cannot be written. */
export function writeEntry(dir: string, key: string, body: string): boolean {
  const ascii = asciiJson(body);
  try {
    makeDirectory(dir);
    writeFileAtomic(
      resultFile(dir, key),
      `${asciiJson(JSON.stringify({ format: RESULT_FILE_FORMAT, key, sha256: sha256(ascii) }))}\n${ascii}`,
    );
    return true;
  } catch {
    return false;
  }
}

/** JSON text with each non-ASCII character as a `\u` escape (they occur only inside strings, where escapes mean the same). */
function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Findings and errors are stored grouped by file in the run's order; the caller sorts them as a fresh run does. */
function resultsOf(body: CacheBody): CachedResults {
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  for (const entry of [...Object.values(body.files), body.other]) {
    findings.push(...entry.findings);
    errors.push(...entry.errors);
  }
  return { findings, errors };
}

/**
 * What a path is, as the metadata check compares it: a regular file's size, mtime, ctime and
 * inode; a folder (what it holds is told by the walk or by the paths asked about in it); another
 * kind of file; nothing; or why stat failed.
 */
export function inputState(path: string): string {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return 'none';
    if (stats.isDirectory()) return 'dir';
    if (!stats.isFile()) return 'special';
    return `file:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
  } catch (error) {
    return `error:${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
}

/**
 * Whether the walk's folder names tell a path's state without a stat: directly in a walked folder,
 * a path that is absent and not listed, or a real folder listed as one (`name/`). A file's content, a
 * symbolic link (listed as a plain name, followed by stat) and anything outside the walked folders
 * need a stat. Most noted paths are absent project markers and `.dockerignore`s of walked folders.
 */
function toldByListing(path: string, state: string, folders: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const names = folders.get(dirname(path));
  if (names === undefined) return false;
  const name = basename(path);
  if (state === 'none') return !names.has(name) && !names.has(`${name}/`);
  return state === 'dir' && names.has(`${name}/`);
}

function folderNames(listing: Listing): Map<string, Set<string>> {
  return new Map(listing.folders.map((f) => [f.dir, new Set(f.names)]));
}

/** The noted inputs, split into those the listing tells and those to stat. */
function splitInputs(inputs: ReadonlyMap<string, string>, listing: Listing): Pick<WarmState, 'inputs' | 'told'> {
  const folders = folderNames(listing);
  const out: Pick<WarmState, 'inputs' | 'told'> = { inputs: {}, told: {} };
  for (const [path, state] of inputs) (toldByListing(path, state, folders) ? out.told : out.inputs)[path] = state;
  return out;
}

/** The listing without its folder names (a new file the walk does not lint, the cache's own folder, changes nothing). */
function listingKey(listing: Listing, forcedType: string | undefined): string {
  return sha256(JSON.stringify([forcedType ?? null, listing.steps, listing.kustomizations]));
}

/** The file with its text read from disk when first asked for (unreadable now: empty). */
function withLazyText(meta: WarmFile, maxFileBytes: number): SourceFile {
  let text: string | undefined;
  return Object.defineProperty({ ...meta }, 'text', {
    enumerable: true,
    get(): string {
      if (text === undefined) {
        const read = readFileBounded(meta.path, maxFileBytes);
        text = 'text' in read ? read.text : '';
      }
      return text;
    },
  }) as SourceFile;
}

function isWarmState(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const warm = value as Partial<WarmState>;
  return (
    typeof warm.listing === 'string' &&
    [warm.inputs, warm.told].every(
      (states) => typeof states === 'object' && states !== null && Object.values(states).every((state) => typeof state === 'string'),
    ) &&
    Array.isArray(warm.files) &&
    warm.files.every((f) => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.displayPath === 'string') &&
    typeof warm.discovery === 'object' &&
    warm.discovery !== null &&
    Array.isArray(warm.discovery.errors) &&
    Array.isArray(warm.discovery.notices) &&
    typeof warm.discovery.skippedExplicit === 'number'
  );
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
    isResults(body.other) &&
    (body.warm === undefined || isWarmState(body.warm))
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
