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
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === '' ? basename(path) : rel).split(sep).join('/');
}

export function discover(paths: string[], options: DiscoverOptions): Discovery {
  const files: SourceFile[] = [];
  const errors: InputError[] = [];
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

  const notices: string[] = [];
  const kustomizations: string[] = [];
  let skippedExplicit = 0;
  const typeByPattern = typesByPattern(options.fileTypes, options.cwd);
  const helmCharts = new Map<string, number>();
  /** One notice per chart, written once discovery ends (pre-commit names every template of a chart). */
  const skipHelmTemplate = (chart: string, explicit: boolean): void => {
    helmCharts.set(chart, (helmCharts.get(chart) ?? 0) + (explicit ? 1 : 0));
    if (explicit) skippedExplicit++;
  };
  /** Inputs that are recognised but not linted: Compose files (until the Compose model lands), templates. */
  const skipped = (shown: string, type: FileType, text: string, full: string | undefined, explicit: boolean): boolean => {
    if (sourceKindOf(type) !== 'kubernetes') return false;
    const chart = full === undefined ? undefined : chartOfTemplate(full);
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

  const add = (path: string, type: FileType, explicit: boolean): void => {
    const full = resolve(options.cwd, path);
    if (seen.has(full)) return;
    seen.add(full);
    const shown = displayPath(path, options.cwd);
    const read = readFileBounded(full, maxFileBytes);
    if ('message' in read) {
      errors.push({ file: shown, message: read.message });
      return;
    }
    if (type === 'kubernetes' && !explicit && !mayHoldKubernetesObjects(read.text)) return;
    // A type named by --type or `files:` stands; else a Compose-looking YAML is Compose and kompose output is Kubernetes.
    const kind = options.forcedType !== undefined && explicit ? sourceKindOf(type) : byContent(sourceKindOf(type), read.text);
    if (skipped(shown, kind, read.text, full, explicit)) return;
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
      if (isIgnored(full, isDir, local) || isConfigIgnored(full, isDir)) continue;
      // Helm chart templates are Go templates, not manifests: render them with `helm template … | k8slint -`.
      if (isDir && isHelmChart && entry.name === 'templates') skipHelmTemplate(dir, false);
      else if (isDir) walk(full, local);
      else if (entry.isFile()) {
        if (KUSTOMIZATION_FILES.includes(entry.name)) kustomizations.push(full);
        const type = typeByPattern(full) ?? classify(entry.name);
        if (type) add(full, type, false);
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
      if (options.stdin?.error !== undefined) {
        errors.push({ file: name, message: options.stdin.error });
        continue;
      }
      const text = stripBom(options.stdin?.text ?? '');
      const named = options.stdin?.filename === undefined ? undefined : classify(options.stdin.filename);
      const type = options.forcedType ?? (named !== undefined ? byContent(named, text) : classifyContent(text));
      const kind = sourceKindOf(type);
      if (skipped(name, type, text, undefined, true)) continue;
      files.push({ path: name, displayPath: name, kind, text, explicit: true });
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
      const type = options.forcedType ?? typeByPattern(full) ?? classify(full);
      const chart = type === 'dockerfile' || type === 'kubernetes' ? undefined : chartOfTemplate(full);
      if (chart)
        skipHelmTemplate(chart, true); // `_helpers.tpl`, `NOTES.txt` too: pre-commit may name them; YAML is judged by its content
      else if (type) add(full, type, true);
      else
        errors.push({
          file: displayPath(path, options.cwd),
          message: 'not a Dockerfile or a YAML/JSON manifest (by its name); name its type with --type dockerfile|kubernetes|compose',
        });
    }
  }
  for (const [chart, named] of helmCharts) {
    // A subchart (`app/charts/db`) renders with its parent: one line for the parent says it all.
    if (named === 0 && [...helmCharts.keys()].some((other) => chart.startsWith(other + sep))) continue;
    const shown = displayPath(chart, options.cwd);
    const arg = resolve(options.cwd) === chart ? '.' : shown;
    const what = named > 0 ? `${named} Helm template${named === 1 ? '' : 's'} of chart ${arg}` : `the templates/ of Helm chart ${arg}`;
    notices.push(`skipped ${what} (Go templates are not YAML until rendered); lint the rendered chart: ${helmCommand(arg)}`);
  }
  return { files, errors, notices, skippedExplicit, kustomizations };
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
