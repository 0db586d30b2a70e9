import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import jsyaml from 'js-yaml';
import type { InputError, KustomizeBuild, KustomizeFileInfo, KustomizeImage, KustomizeLayer, SourceFile } from '../types.js';
import { DEFAULT_LIMITS } from '../util/limits.js';
import { displayPath, KUSTOMIZATION_FILES } from './discover.js';
import { readFileBounded } from './read.js';

/**
 * Kustomize-aware source linting without running kustomize: reads the kustomization files that
 * cover the linted files (and the bases and components they include, to a bounded depth), and
 * records on each linted file how kustomize uses it (`SourceFile.kustomize`): a patch, a resource,
 * a tool input, and the chain of kustomizations of every build that includes it.
 */

/** Kustomizations nested deeper than this (overlay → base → …) are not followed. */
export const MAX_KUSTOMIZE_DEPTH = 20;
/** Kustomization files read in one run at most. */
const MAX_KUSTOMIZATIONS = 5000;
/** Builds recorded per file at most (diamond-shaped overlay trees multiply them). */
const MAX_BUILDS_PER_FILE = 32;
/** Steps of the walk from the roots down, at most (bounds the work on pathological graphs). */
const MAX_WALK_STEPS = 200_000;

interface Kustomization {
  dir: string;
  file: string;
  shown: string;
  layer: KustomizeLayer;
  /** Files named as resources (absolute). */
  resourceFiles: string[];
  patchFiles: string[];
  configFiles: string[];
  /** Kustomization directories named as resources (bases). */
  bases: string[];
  components: string[];
}

export interface KustomizeScanOptions {
  cwd: string;
  /** Kustomization files a directory walk came across (absolute paths). */
  found?: readonly string[];
  maxFileBytes?: number;
  /** Told of each path whose content or existence the annotations depend on, before it is read (for the result cache). */
  onInput?: (path: string) => void;
}

/**
 * Sets `kustomize` on the files of `files` that a kustomization names, and returns the problems
 * kustomize itself would refuse: a kustomization that cannot be parsed (unless it is one of
 * `files`, whose own parse reports it) and cycles of kustomizations including each other.
 */
export function annotateKustomize(files: readonly SourceFile[], options: KustomizeScanOptions): InputError[] {
  const errors: InputError[] = [];
  const byPath = new Map<string, SourceFile>();
  for (const file of files) if (file.kind === 'kubernetes' && isAbsolutePath(file.path)) byPath.set(resolve(file.path), file);
  // The walks listed the kustomizations of the folders they went through: ask the file system only about the others.
  const found = new Set((options.found ?? []).map((file) => dirname(resolve(file))));
  const walked = new Set(files.filter((f) => !f.explicit && byPath.has(f.path)).map((f) => dirname(f.path)));
  const loader = new Loader(
    options,
    errors,
    byPath,
    (dir) => found.has(dir) || (!walked.has(dir) && kustomizationIn(dir, options.onInput) !== undefined),
  );
  for (const dir of found) loader.enqueue(dir);
  for (const path of byPath.keys()) for (const dir of coveringDirs(path, options.cwd)) loader.enqueueIf(dir);
  const loaded = loader.run();
  if (loaded.size === 0) return errors;

  const info = (path: string): KustomizeFileInfo | undefined => {
    const file = byPath.get(path);
    if (!file) return undefined;
    return (file.kustomize ??= { patch: false, resource: false, config: false, builds: [] });
  };
  for (const k of loaded.values()) {
    for (const [paths, role] of [
      [k.resourceFiles, 'resource'],
      [k.patchFiles, 'patch'],
      [k.configFiles, 'config'],
    ] as const)
      for (const path of paths) {
        const entry = info(path);
        if (entry) entry[role] = true;
      }
    // Components run inside the kustomization that uses them, before its own transformers.
    const componentImages = k.components.flatMap((dir) => loaded.get(dir)?.layer.images ?? []);
    if (componentImages.length > 0) k.layer = { ...k.layer, images: [...componentImages, ...k.layer.images] };
  }

  const included = new Set<string>();
  for (const k of loaded.values()) for (const dir of [...k.bases, ...k.components]) included.add(dir);
  const cycles = new Set<string>();
  let steps = 0;
  const visit = (k: Kustomization, chain: Kustomization[], root: string): void => {
    if (++steps > MAX_WALK_STEPS || chain.length >= MAX_KUSTOMIZE_DEPTH) return;
    if (chain.includes(k)) {
      if (!cycles.has(k.file)) {
        cycles.add(k.file);
        errors.push({
          file: k.shown,
          message: `kustomization includes itself (${[...chain.slice(chain.indexOf(k)), k].map((c) => c.shown).join(' → ')}); kustomize build refuses cycles, so it is not followed`,
        });
      }
      return;
    }
    const here = [...chain, k];
    const build: KustomizeBuild = { root, layers: here.map((c) => c.layer).reverse() };
    for (const path of [...k.resourceFiles, ...k.patchFiles]) {
      const entry = info(path);
      if (entry && entry.builds.length < MAX_BUILDS_PER_FILE) entry.builds.push(build);
    }
    for (const dir of [...k.bases, ...k.components]) {
      const child = loaded.get(dir);
      if (child) visit(child, here, root);
    }
  };
  const roots = [...loaded.values()].filter((k) => !included.has(k.dir));
  for (const root of roots) visit(root, [], root.shown);
  return errors;
}

/** The file's own directory and those above it up to `cwd` (when it lies below `cwd`). */
function coveringDirs(path: string, cwd: string): string[] {
  const root = resolve(cwd);
  const out: string[] = [];
  let dir = dirname(path);
  out.push(dir);
  while (dir.startsWith(root + sep)) {
    dir = dirname(dir);
    out.push(dir);
  }
  return out;
}

/** The kustomization file of a folder, if it has one. */
function kustomizationIn(dir: string, onInput?: (path: string) => void): string | undefined {
  const name = KUSTOMIZATION_FILES.find((n) => {
    onInput?.(join(dir, n));
    return existsSync(join(dir, n));
  });
  return name === undefined ? undefined : join(dir, name);
}

function isAbsolutePath(path: string): boolean {
  return resolve(path) === path;
}

class Loader {
  readonly loaded = new Map<string, Kustomization>();
  private readonly queue: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly options: KustomizeScanOptions,
    private readonly errors: InputError[],
    private readonly linted: ReadonlyMap<string, SourceFile>,
    private readonly mayHold: (dir: string) => boolean,
  ) {}

  /** Enqueues `dir` when it may hold a kustomization (asked once per folder). */
  enqueueIf(dir: string): void {
    if (!this.seen.has(dir) && this.mayHold(dir)) this.enqueue(dir);
    else this.seen.add(dir);
  }

  enqueue(dir: string): void {
    if (this.seen.has(dir) || this.seen.size >= MAX_KUSTOMIZATIONS) return;
    this.seen.add(dir);
    this.queue.push(dir);
  }

  run(): Map<string, Kustomization> {
    for (let dir = this.queue.shift(); dir !== undefined; dir = this.queue.shift()) {
      const k = this.load(dir);
      if (!k) continue;
      this.loaded.set(dir, k);
      for (const child of [...k.bases, ...k.components]) this.enqueue(child);
    }
    return this.loaded;
  }

  private load(dir: string): Kustomization | undefined {
    const file = kustomizationIn(dir, this.options.onInput);
    if (!file) return undefined;
    const shown = displayPath(file, this.options.cwd);
    const read = readFileBounded(file, this.options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes);
    if ('message' in read) {
      if (read.reason !== 'directory' && !this.linted.has(file)) this.errors.push({ file: shown, message: read.message });
      return undefined;
    }
    let doc: unknown;
    try {
      doc = jsyaml.load(read.text, { json: true });
    } catch (error) {
      // A kustomization among the linted files reports its own syntax error.
      if (!this.linted.has(file)) {
        const mark = (error as { mark?: { line: number; column: number } }).mark;
        const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
        this.errors.push({
          file: shown,
          ...(mark && { line: mark.line + 1, column: mark.column + 1 }),
          message: `kustomization is not valid YAML: ${reason}`,
        });
      }
      return undefined;
    }
    return readKustomization(isRecord(doc) ? doc : {}, dir, file, shown, this.options.onInput);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value))
    for (const [k, v] of Object.entries(value)) {
      const s = typeof v === 'boolean' ? String(v) : text(v);
      if (s !== undefined) out[k] = s;
    }
  return out;
}

/** A remote resource (`github.com/…?ref=`, `https://…`, `git@…`): not read. */
function isRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(entry) || entry.includes('?ref=')
  );
}

type PathKind = 'file' | 'dir' | 'missing';
function pathKind(path: string, onInput?: (path: string) => void): PathKind {
  onInput?.(path);
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

function readKustomization(
  doc: Record<string, unknown>,
  dir: string,
  file: string,
  shown: string,
  onInput?: (path: string) => void,
): Kustomization {
  const k: Kustomization = {
    dir,
    file,
    shown,
    layer: layerOf(doc, shown),
    resourceFiles: [],
    patchFiles: [],
    configFiles: [],
    bases: [],
    components: [],
  };
  const local = (entry: unknown): string | undefined => {
    const s = text(entry);
    return s === undefined || s.includes('\n') || isRemote(s) ? undefined : resolve(dir, s);
  };
  for (const entry of [...list(doc.resources), ...list(doc.bases), ...list(doc.crds)]) {
    const path = local(entry);
    if (!path) continue;
    const kind = pathKind(path, onInput);
    if (kind === 'dir') k.bases.push(path);
    else if (kind === 'file') k.resourceFiles.push(path);
  }
  for (const entry of list(doc.components)) {
    const path = local(entry);
    if (path && pathKind(path, onInput) === 'dir') k.components.push(path);
  }
  for (const entry of [...list(doc.patches), ...list(doc.patchesJson6902), ...list(doc.patchesStrategicMerge)]) {
    const path = local(isRecord(entry) ? entry.path : entry);
    if (path) k.patchFiles.push(path);
  }
  for (const generator of [...list(doc.configMapGenerator), ...list(doc.secretGenerator)]) {
    if (!isRecord(generator)) continue;
    const sources = [...list(generator.files), ...list(generator.envs), generator.env];
    for (const source of sources) {
      const s = text(source);
      if (s === undefined) continue;
      const eq = s.indexOf('=');
      const path = local(eq === -1 ? s : s.slice(eq + 1));
      if (path) k.configFiles.push(path);
    }
  }
  for (const entry of [
    ...list(doc.transformers),
    ...list(doc.generators),
    ...list(doc.validators),
    ...list(doc.configurations),
    ...list(doc.replacements).map((r) => (isRecord(r) ? r.path : undefined)),
    isRecord(doc.openapi) ? doc.openapi.path : undefined,
  ]) {
    const path = local(entry);
    if (path && pathKind(path, onInput) === 'file') k.configFiles.push(path);
  }
  return k;
}

function layerOf(doc: Record<string, unknown>, shown: string): KustomizeLayer {
  const commonLabels = stringRecord(doc.commonLabels);
  const labels = { ...commonLabels };
  const selectorLabels = { ...commonLabels };
  const templateLabels = { ...commonLabels };
  for (const entry of list(doc.labels)) {
    if (!isRecord(entry)) continue;
    const pairs = stringRecord(entry.pairs);
    Object.assign(labels, pairs);
    if (entry.includeSelectors === true) Object.assign(selectorLabels, pairs);
    if (entry.includeSelectors === true || entry.includeTemplates === true) Object.assign(templateLabels, pairs);
  }
  const images: KustomizeImage[] = [];
  for (const entry of list(doc.images)) {
    if (!isRecord(entry)) continue;
    const name = text(entry.name);
    if (!name) continue;
    const newName = text(entry.newName);
    const newTag = text(entry.newTag);
    const digest = text(entry.digest);
    images.push({ name, ...(newName && { newName }), ...(newTag && { newTag }), ...(digest && { digest }) });
  }
  const namespace = text(doc.namespace);
  const namePrefix = text(doc.namePrefix);
  const nameSuffix = text(doc.nameSuffix);
  return {
    kustomization: shown,
    ...(namespace && { namespace }),
    ...(namePrefix && { namePrefix }),
    ...(nameSuffix && { nameSuffix }),
    labels,
    selectorLabels,
    templateLabels,
    images,
  };
}
