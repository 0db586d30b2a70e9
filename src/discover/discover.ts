import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { InputError, SourceFile, SourceKind } from '../types.js';
import { stripBom } from '../parsers/positions.js';
import { DEFAULT_LIMITS } from '../util/limits.js';
import { readFileBounded } from './read.js';
import { looksLikeCompose } from '../model/compose-syntax.js';

export const MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
const IGNORE_FILES = ['.gitignore', '.k8slintignore'];

export interface Discovery {
  files: SourceFile[];
  errors: InputError[];
  /** Kustomization files the directory walks came across (absolute paths), linted or not. */
  kustomizations?: string[];
}

/** The names kustomize looks for in a directory. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface DiscoverOptions {
  cwd: string;
  /** gitignore-style patterns from the config, relative to cwd. */
  ignorePaths: string[];
  /** What `-` stands for; `error` when reading it failed (see readStdinWhole), reported as an input error for it. */
  stdin?: { text: string; filename?: string; error?: string };
  /** Bytes read per file at most (default: DEFAULT_LIMITS.maxFileBytes). */
  maxFileBytes?: number;
}

/** `Dockerfile.gpu` is a Dockerfile; `dockerfile.ts` (code about Dockerfiles) and `Dockerfile.md` are not. */
const SOURCE_CODE_SUFFIX = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|go|py|rs|java|kt|rb|md|rst|html|json|ya?ml|toml|lock|orig|rej|swp)$/;

/**
 * Compose file names: `compose.yaml`, `docker-compose.yml`, overrides and variants
 * (`compose.override.yaml`, `docker-compose.prod.yml`, and the common `docker-compose-gpu.yml` /
 * `compose_dev.yml` spellings), and names that end in one (`gpu.compose.yaml`, `dev-docker-compose.yml`).
 */
const COMPOSE_NAME = /^(?:(?:docker-)?compose(?:[._-][^/]*)?|[^/]*[._-](?:docker-)?compose)\.ya?ml$/;

/** A YAML file named explicitly (or on stdin) whose name does not say: Compose by its content, else Kubernetes. */
function byContent(kind: SourceKind, text: string): SourceKind {
  return kind === 'kubernetes' && !mayHoldKubernetesObjects(text) && looksLikeCompose(text) ? 'compose' : kind;
}

export function classify(path: string): SourceKind | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  const prefixed = (lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) && !SOURCE_CODE_SUFFIX.test(lower);
  if (lower === 'dockerfile' || lower === 'containerfile' || prefixed || lower.endsWith('.dockerfile') || lower.endsWith('.containerfile'))
    return 'dockerfile';
  if (COMPOSE_NAME.test(lower)) return 'compose';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.json')) return 'kubernetes';
  return undefined;
}

/** Cheap test before parsing: a Kubernetes document has top-level `apiVersion` and `kind`. */
export function mayHoldKubernetesObjects(text: string): boolean {
  return /(^|[\s{,])["']?apiVersion["']?\s*:/m.test(text) && /(^|[\s{,])["']?kind["']?\s*:/m.test(text);
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === '' ? basename(path) : rel).split(sep).join('/');
}

export function discover(paths: string[], options: DiscoverOptions): Discovery {
  const files: SourceFile[] = [];
  const errors: InputError[] = [];
  const kustomizations: string[] = [];
  const configIgnore = ignore().add(options.ignorePaths);
  const seen = new Set<string>();
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  /** Ignore rules of `dir`; an ignore "file" that is a directory is no ignore file, a FIFO or device is an input error. */
  const ignoreRulesIn = (dir: string): Ignore[] => {
    const out: Ignore[] = [];
    for (const name of IGNORE_FILES) {
      const file = join(dir, name);
      const read = readIfPresent(file, maxFileBytes);
      if (read === undefined) continue;
      if ('text' in read) out.push(ignore().add(read.text));
      else if (read.reason !== 'directory')
        errors.push({ file: displayPath(file, options.cwd), message: `${read.message}; not used as an ignore file` });
    }
    return out;
  };

  const add = (path: string, named: SourceKind, explicit: boolean): void => {
    const full = resolve(options.cwd, path);
    if (seen.has(full)) return;
    seen.add(full);
    const shown = displayPath(path, options.cwd);
    const read = readFileBounded(full, maxFileBytes);
    if ('message' in read) {
      errors.push({ file: shown, message: read.message });
      return;
    }
    if (named === 'kubernetes' && !explicit && !mayHoldKubernetesObjects(read.text)) return;
    let kind = explicit ? byContent(named, read.text) : named;
    // A file named like a Compose file that holds Kubernetes objects instead (kompose output).
    if (kind === 'compose' && mayHoldKubernetesObjects(read.text) && !looksLikeCompose(read.text)) kind = 'kubernetes';
    const dockerignore = kind === 'dockerfile' ? readDockerignore(full, maxFileBytes) : undefined;
    files.push({
      path: full,
      displayPath: shown,
      kind,
      text: read.text,
      explicit,
      ...(dockerignore !== undefined ? { dockerignore } : {}),
    });
  };

  const walk = (dir: string, ignores: Array<{ base: string; rules: Ignore }>): void => {
    const local = [...ignores, ...ignoreRulesIn(dir).map((rules) => ({ base: dir, rules }))];
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (error) {
      errors.push({ file: displayPath(dir, options.cwd), message: `cannot read directory: ${(error as NodeJS.ErrnoException).code}` });
      return;
    }
    const isHelmChart = entries.some((e) => e.name === 'Chart.yaml');
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
      // Helm chart templates are Go templates, not manifests: render them with `helm template … | k8slint -`.
      if (isDir && isHelmChart && entry.name === 'templates') continue;
      if (isIgnored(full, isDir, local) || isConfigIgnored(full, isDir)) continue;
      if (isDir) walk(full, local);
      else if (entry.isFile()) {
        if (KUSTOMIZATION_FILES.includes(entry.name)) kustomizations.push(full);
        const kind = classify(entry.name);
        if (kind) add(full, kind, false);
      }
    }
  };

  const isConfigIgnored = (full: string, isDir: boolean): boolean => {
    const rel = relative(options.cwd, full).split(sep).join('/');
    return rel !== '' && !rel.startsWith('..') && configIgnore.ignores(isDir ? `${rel}/` : rel);
  };

  for (const path of paths.length > 0 ? paths : ['.']) {
    if (path === '-') {
      const name = options.stdin?.filename ?? '<stdin>';
      const named = options.stdin?.filename ? (classify(options.stdin.filename) ?? 'kubernetes') : 'kubernetes';
      const text = stripBom(options.stdin?.text ?? '');
      const kind = options.stdin?.filename ? byContent(named, text) : named;
      if (options.stdin?.error !== undefined) errors.push({ file: name, message: options.stdin.error });
      else files.push({ path: name, displayPath: name, kind, text, explicit: true });
      continue;
    }
    const full = resolve(options.cwd, path);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      errors.push({ file: displayPath(path, options.cwd), message: 'no such file or directory' });
      continue;
    }
    if (stats.isDirectory()) walk(full, ancestorsIgnores(full, options.cwd, ignoreRulesIn));
    else {
      const kind = classify(full);
      if (kind) add(full, kind, true);
      else errors.push({ file: displayPath(path, options.cwd), message: 'not a Dockerfile or a YAML/JSON manifest (by its name)' });
    }
  }
  return { files, errors, kustomizations };
}

/** Ignore files of the directories between cwd and a walked directory also apply to it. */
function ancestorsIgnores(dir: string, cwd: string, rulesIn: (dir: string) => Ignore[]): Array<{ base: string; rules: Ignore }> {
  const out: Array<{ base: string; rules: Ignore }> = [];
  const root = resolve(cwd);
  if (!dir.startsWith(root + sep)) return out;
  let current = root;
  for (const part of relative(root, dir).split(sep)) {
    for (const rules of rulesIn(current)) out.push({ base: current, rules });
    current = join(current, part);
  }
  return out;
}

function isIgnored(full: string, isDir: boolean, ignores: Array<{ base: string; rules: Ignore }>): boolean {
  return ignores.some(({ base, rules }) => {
    const rel = relative(base, full).split(sep).join('/');
    return rel !== '' && !rel.startsWith('..') && rules.ignores(isDir ? `${rel}/` : rel);
  });
}

/** undefined when nothing is at `path`; otherwise what reading it gave. */
function readIfPresent(path: string, maxFileBytes: number): ReturnType<typeof readFileBounded> | undefined {
  try {
    statSync(path);
  } catch {
    return undefined;
  }
  return readFileBounded(path, maxFileBytes);
}

/**
 * The `.dockerignore` BuildKit would use if the Dockerfile's directory is the build context:
 * `<Dockerfile name>.dockerignore` next to it first, else `.dockerignore` there.
 */
function readDockerignore(dockerfile: string, maxFileBytes: number): string | undefined {
  for (const candidate of [`${dockerfile}.dockerignore`, join(dirname(dockerfile), '.dockerignore')]) {
    const read = readIfPresent(candidate, maxFileBytes);
    // unreadable, a directory or a FIFO: treat as absent
    if (read !== undefined && 'text' in read) return read.text;
  }
  return undefined;
}
