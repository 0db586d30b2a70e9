import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { InputError, SourceFile } from '../types.js';
import { stripBom } from '../parsers/positions.js';
import { DEFAULT_LIMITS } from '../util/limits.js';
import { readFileBounded } from './read.js';
import { classify, byContent, classifyContent, mayHoldKubernetesObjects, sourceKindOf, typesByPattern, type FileType } from './classify.js';
import { chartOfTemplate, helmCommand, templateActionLine } from './helm.js';

export { classify, mayHoldKubernetesObjects } from './classify.js';

/** The names kustomize looks for in a directory. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export const MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
const IGNORE_FILES = ['.gitignore', '.k8slintignore'];

export interface Discovery {
  files: SourceFile[];
  errors: InputError[];
  /** Info lines about inputs recognised and not linted (Helm templates, Compose files), for stderr. */
  notices: string[];
  /** Inputs named explicitly (or stdin) that were recognised and skipped: the run did look at something. */
  skippedExplicit: number;
  /** Kustomization files the directory walks came across (absolute paths), linted or not. */
  kustomizations?: string[];
}

export interface DiscoverOptions {
  cwd: string;
  /** gitignore-style patterns from the config, relative to cwd. */
  ignorePaths: string[];
  /** What `-` stands for; `error` when reading it failed (see readStdinWhole), reported as an input error for it. */
  stdin?: { text: string; filename?: string; error?: string };
  /** Bytes read per file at most (default: DEFAULT_LIMITS.maxFileBytes). */
  maxFileBytes?: number;
  /** `--type`: what stdin and the files named explicitly are, whatever their names or content. */
  forcedType?: FileType;
  /** The config's `files:` mapping: gitignore-style patterns (relative to cwd) → type, before the file name decides. */
  fileTypes?: Readonly<Record<string, FileType>>;
  /** Told of each file whose content or existence the result depends on beyond the listing (for the result cache), before it is read. */
  onInput?: InputListener;
  /** The listing `listInputs` made with these options, when the caller has it already. */
  listing?: Listing;
}

/** Told of a path before it is read or its existence asked (see DiscoverOptions.onInput). */
export type InputListener = (path: string) => void;

/**
 * What a discovery will look at, in order, found from names and directory entries alone (ignore
 * files are read, linted files are not): equal listings over files with unchanged content give equal discoveries.
 */
export interface Listing {
  steps: ListingStep[];
  /** Kustomization files the directory walks came across (absolute paths). */
  kustomizations: string[];
  /**
   * Each folder walked and every name in it (folders with a trailing `/`), ignored ones too: an equal
   * listing also means that nothing appeared in or vanished from these folders.
   */
  folders: Array<{ dir: string; names: string[] }>;
}

export type ListingStep =
  | { file: string; type: FileType; explicit: boolean }
  /** Helm templates skipped: a chart's `templates/` folder met by a walk, or a template named explicitly. */
  | { chart: string; explicit: boolean }
  | { error: InputError }
  | { stdin: true };

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === '' ? basename(path) : rel).split(sep).join('/');
}

/** The walk of a discovery: which files it reads, in order, with the problems met on the way (see Listing). */
export function listInputs(paths: readonly string[], options: DiscoverOptions): Listing {
  const steps: ListingStep[] = [];
  const configIgnore = ignore().add(options.ignorePaths);
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  /** Ignore rules of `dir`; an ignore "file" that is a directory is no ignore file, a FIFO or device is an input error. */
  const ignoreRulesIn = (dir: string, names: readonly string[] = IGNORE_FILES): Ignore[] => {
    const out: Ignore[] = [];
    for (const name of names) {
      const file = join(dir, name);
      const read = readIfPresent(file, maxFileBytes);
      if (read === undefined) continue;
      if ('text' in read) out.push(ignore().add(read.text));
      else if (read.reason !== 'directory')
        steps.push({ error: { file: displayPath(file, options.cwd), message: `${read.message}; not used as an ignore file` } });
    }
    return out;
  };
  const kustomizations: string[] = [];
  const folders: Listing['folders'] = [];
  const typeByPattern = typesByPattern(options.fileTypes, options.cwd);

  const walk = (dir: string, ignores: Array<{ base: string; rules: Ignore }>): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (error) {
      ignoreRulesIn(dir);
      steps.push({
        error: { file: displayPath(dir, options.cwd), message: `cannot read directory: ${(error as NodeJS.ErrnoException).code}` },
      });
      return;
    }
    folders.push({ dir, names: entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)) });
    // Only the ignore files the folder lists are read: most folders have none, and a stat that fails costs more than a lookup.
    const ignoreNames = IGNORE_FILES.filter((name) => entries.some((e) => e.name === name));
    const local =
      ignoreNames.length === 0 ? ignores : [...ignores, ...ignoreRulesIn(dir, ignoreNames).map((rules) => ({ base: dir, rules }))];
    const isHelmChart = entries.some((e) => e.name === 'Chart.yaml');
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
      if (isIgnored(full, isDir, local) || isConfigIgnored(full, isDir)) continue;
      // Helm chart templates are Go templates, not manifests: render them with `helm template … | k8slint -`.
      if (isDir && isHelmChart && entry.name === 'templates') steps.push({ chart: dir, explicit: false });
      else if (isDir) walk(full, local);
      else if (entry.isFile()) {
        if (KUSTOMIZATION_FILES.includes(entry.name)) kustomizations.push(full);
        const type = typeByPattern(full) ?? classify(entry.name);
        if (type) steps.push({ file: full, type, explicit: false });
      }
    }
  };

  const isConfigIgnored = (full: string, isDir: boolean): boolean => {
    if (options.ignorePaths.length === 0) return false;
    const rel = relative(options.cwd, full).split(sep).join('/');
    return rel !== '' && !rel.startsWith('..') && configIgnore.ignores(isDir ? `${rel}/` : rel);
  };

  for (const path of paths.length > 0 ? paths : ['.']) {
    if (path === '-') {
      steps.push({ stdin: true });
      continue;
    }
    const full = resolve(options.cwd, path);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      steps.push({ error: { file: displayPath(path, options.cwd), message: 'no such file or directory' } });
      continue;
    }
    if (stats.isDirectory()) walk(full, ancestorsIgnores(full, options.cwd, ignoreRulesIn));
    else {
      const type = options.forcedType ?? typeByPattern(full) ?? classify(full);
      const chart = type === 'dockerfile' || type === 'kubernetes' ? undefined : chartOfTemplate(full);
      if (chart)
        steps.push({ chart, explicit: true }); // `_helpers.tpl`, `NOTES.txt` too: pre-commit may name them; YAML is judged by its content
      else if (type) steps.push({ file: full, type, explicit: true });
      else
        steps.push({
          error: {
            file: displayPath(path, options.cwd),
            message: 'not a Dockerfile or a YAML/JSON manifest (by its name); name its type with --type dockerfile|kubernetes|compose',
          },
        });
    }
  }
  return { steps, kustomizations, folders };
}

export function discover(paths: string[], options: DiscoverOptions): Discovery {
  const files: SourceFile[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const onInput = options.onInput;
  const notices: string[] = [];
  let skippedExplicit = 0;
  const helmCharts = new Map<string, number>();
  /** One notice per chart, written once discovery ends (pre-commit names every template of a chart). */
  const skipHelmTemplate = (chart: string, explicit: boolean): void => {
    helmCharts.set(chart, (helmCharts.get(chart) ?? 0) + (explicit ? 1 : 0));
    if (explicit) skippedExplicit++;
  };
  /** Inputs that are recognised but not linted: Compose files (until the Compose model lands), templates. */
  const skipped = (shown: string, type: FileType, text: string, full: string | undefined, explicit: boolean): boolean => {
    if (sourceKindOf(type) !== 'kubernetes') return false;
    const chart = full === undefined ? undefined : chartOfTemplate(full, onInput);
    // A template without template actions is the YAML helm renders from it: linted as it is.
    if (chart && text.includes('{{')) {
      skipHelmTemplate(chart, explicit);
      return true;
    }
    const line = templateActionLine(text);
    if (line === undefined) return false;
    notices.push(
      `${shown}:${line}: holds template actions ({{ … }}), so it is a Helm (or other) template, not YAML until rendered; skipped. Lint the rendered chart: ${helmCommand('<chart>')}`,
    );
    if (explicit) skippedExplicit++;
    return true;
  };

  const add = (full: string, type: FileType, explicit: boolean): void => {
    if (seen.has(full)) return;
    seen.add(full);
    const shown = displayPath(full, options.cwd);
    onInput?.(full);
    const read = readFileBounded(full, maxFileBytes);
    if ('message' in read) {
      errors.push({ file: shown, message: read.message });
      return;
    }
    if (type === 'kubernetes' && !explicit && !mayHoldKubernetesObjects(read.text)) return;
    // A type named by --type or `files:` stands; else a Compose-looking YAML is Compose and kompose output is Kubernetes.
    const kind = options.forcedType !== undefined && explicit ? sourceKindOf(type) : byContent(sourceKindOf(type), read.text);
    if (skipped(shown, kind, read.text, full, explicit)) return;
    const dockerignore = kind === 'dockerfile' ? readDockerignore(full, maxFileBytes, onInput) : undefined;
    files.push({
      path: full,
      displayPath: shown,
      kind,
      text: read.text,
      explicit,
      ...(dockerignore !== undefined ? { dockerignore } : {}),
    });
  };

  const addStdin = (): void => {
    const name = options.stdin?.filename ?? '<stdin>';
    if (options.stdin?.error !== undefined) {
      errors.push({ file: name, message: options.stdin.error });
      return;
    }
    const text = stripBom(options.stdin?.text ?? '');
    const named = options.stdin?.filename === undefined ? undefined : classify(options.stdin.filename);
    const type = options.forcedType ?? (named !== undefined ? byContent(named, text) : classifyContent(text));
    const kind = sourceKindOf(type);
    if (skipped(name, type, text, undefined, true)) return;
    files.push({ path: name, displayPath: name, kind, text, explicit: true });
  };

  const listing = options.listing ?? listInputs(paths, options);
  for (const step of listing.steps) {
    if ('file' in step) add(step.file, step.type, step.explicit);
    else if ('chart' in step) skipHelmTemplate(step.chart, step.explicit);
    else if ('error' in step) errors.push(step.error);
    else addStdin();
  }
  for (const [chart, named] of helmCharts) {
    // A subchart (`app/charts/db`) renders with its parent: one line for the parent says it all.
    if (named === 0 && [...helmCharts.keys()].some((other) => chart.startsWith(other + sep))) continue;
    const shown = displayPath(chart, options.cwd);
    const arg = resolve(options.cwd) === chart ? '.' : shown;
    const what = named > 0 ? `${named} Helm template${named === 1 ? '' : 's'} of chart ${arg}` : `the templates/ of Helm chart ${arg}`;
    notices.push(`skipped ${what} (Go templates are not YAML until rendered); lint the rendered chart: ${helmCommand(arg)}`);
  }
  return { files, errors, notices, skippedExplicit, kustomizations: listing.kustomizations };
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
    if (statSync(path, { throwIfNoEntry: false }) === undefined) return undefined;
  } catch {
    return undefined;
  }
  return readFileBounded(path, maxFileBytes);
}

/**
 * The `.dockerignore` BuildKit would use if the Dockerfile's directory is the build context:
 * `<Dockerfile name>.dockerignore` next to it first, else `.dockerignore` there.
 */
function readDockerignore(dockerfile: string, maxFileBytes: number, onInput?: InputListener): string | undefined {
  for (const candidate of [`${dockerfile}.dockerignore`, join(dirname(dockerfile), '.dockerignore')]) {
    onInput?.(candidate);
    const read = readIfPresent(candidate, maxFileBytes);
    // unreadable, a directory or a FIFO: treat as absent
    if (read !== undefined && 'text' in read) return read.text;
  }
  return undefined;
}
