import { parseAllDocuments } from 'yaml';
import { resolve } from 'node:path';
import type { SourceFile, Span } from '../types.js';
import type { RawFinding } from '../engine/lint.js';
import { buildKubernetesModel, type KubernetesModel } from '../model/k8s-build.js';
import { isMapping, type K8sObject, type KNode } from '../model/k8s.js';
import { displayPath } from '../discover/discover.js';
import { readFileBounded } from '../discover/read.js';
import type { PathKey } from '../parsers/yaml.js';

/** What `--kustomize DIR` rendered: the output linted, and the same build with kustomize's origin annotations. */
export interface KustomizeRendering {
  /** The output of `kubectl kustomize DIR`: what is linted. */
  text: string;
  /** The output of a wrapping kustomization with `buildMetadata: [originAnnotations]` (same objects, annotated). */
  annotated: string;
  /** Directory of the wrapping kustomization: origin paths are relative to it. */
  annotatedRoot: string;
}

const ORIGIN = 'config.kubernetes.io/origin';

interface Origin {
  /** Absolute path of the file the object came from (`path`), or of the kustomization that generated it (`configuredIn`). */
  file: string;
  generated: boolean;
}

/**
 * Maps findings on rendered kustomize output back to the source files the objects came from
 * (kustomize's `config.kubernetes.io/origin` annotations), at the matching node there: the same
 * path in the source object, list items matched by `name`, else the deepest node that exists
 * there. Findings on objects whose origin is unknowable (remote bases) stay on the output.
 */
export class KustomizeOrigins {
  private readonly origins = new Map<string, Origin>();
  private readonly models = new Map<string, KubernetesModel | null>();

  constructor(
    private readonly rendering: KustomizeRendering,
    private readonly cwd: string,
  ) {
    for (const doc of parseAllDocuments(rendering.annotated)) {
      const value: unknown = doc.toJS();
      if (!isMapping(value) || typeof value.kind !== 'string' || !isMapping(value.metadata)) continue;
      const metadata = value.metadata;
      const annotation = isMapping(metadata.annotations) ? metadata.annotations[ORIGIN] : undefined;
      if (typeof annotation !== 'string') continue;
      const origin = parseOrigin(annotation, rendering.annotatedRoot);
      if (origin) this.origins.set(identity(value.kind, metadata.namespace, metadata.name), origin);
    }
  }

  /** The source files findings were moved to, for code frames. */
  get sources(): SourceFile[] {
    return [...this.models.values()].flatMap((m) => (m ? [m.file.source] : []));
  }

  /** Where a finding on the rendered output lies in the sources, when that is knowable. */
  relocate(finding: RawFinding): { file: SourceFile; span: Span } | undefined {
    if (finding.file.text !== this.rendering.text || !finding.object) return undefined;
    const object = finding.object;
    const origin = this.origins.get(identity(object.kind, object.namespace, object.name));
    if (!origin) return undefined;
    const model = this.model(origin.file);
    if (!model) return undefined;
    if (origin.generated) return { file: model.file.source, span: generatorSpan(model.file.source) };
    const source = matchObject(model.objects, object);
    if (!source) return { file: model.file.source, span: { line: 1, column: 1, endLine: 1, endColumn: 2 } };
    const node = finding.node;
    if (!node) return { file: model.file.source, span: (source.node.get('kind') ?? source.node).span };
    const relative = node.path.slice(object.node.path.length);
    const { target, complete } = follow(object.node, source.node, relative);
    const part = complete && sameSpan(finding.span, node.valueSpan) ? 'value' : 'key';
    const span =
      part === 'value' ? target.valueSpan : typeof target.path[target.path.length - 1] === 'string' ? target.keySpan : target.span;
    return { file: model.file.source, span };
  }

  private model(path: string): KubernetesModel | undefined {
    let model = this.models.get(path);
    if (model === undefined) {
      model = null;
      const read = readFileBounded(path, 64 * 1024 * 1024);
      if ('text' in read) {
        const source: SourceFile = { path, displayPath: displayPath(path, this.cwd), kind: 'kubernetes', text: read.text, explicit: false };
        try {
          model = buildKubernetesModel(source);
        } catch {
          model = null;
        }
      }
      this.models.set(path, model);
    }
    return model ?? undefined;
  }
}

function identity(kind: string, namespace: unknown, name: unknown): string {
  return `${kind}/${typeof namespace === 'string' ? namespace : ''}/${typeof name === 'string' ? name : ''}`;
}

function parseOrigin(annotation: string, root: string): Origin | undefined {
  let value: unknown;
  try {
    value = parseAllDocuments(annotation)[0]?.toJS();
  } catch {
    return undefined;
  }
  // A remote base (`repo:`) has no file here.
  if (!isMapping(value) || typeof value.repo === 'string') return undefined;
  if (typeof value.path === 'string') return { file: resolve(root, value.path), generated: false };
  if (typeof value.configuredIn === 'string') return { file: resolve(root, value.configuredIn), generated: true };
  return undefined;
}

/** The source object of a rendered one: the only one of its kind, else the one whose name the rendered name contains (prefixes, suffixes and hashes added), longest first. */
function matchObject(objects: readonly K8sObject[], rendered: K8sObject): K8sObject | undefined {
  const sameKind = objects.filter((o) => o.kind === rendered.kind);
  if (sameKind.length <= 1) return sameKind[0];
  const name = rendered.name ?? '';
  const exact = sameKind.find((o) => o.name === name);
  if (exact) return exact;
  return sameKind.filter((o) => o.name !== undefined && name.includes(o.name)).sort((a, b) => b.name!.length - a.name!.length)[0];
}

/** Walks `path` in the source object as it is walked in the rendered one; list items by `name` when they have one. */
function follow(rendered: KNode, source: KNode, path: readonly PathKey[]): { target: KNode; complete: boolean } {
  let from: KNode | undefined = rendered;
  let to = source;
  for (const key of path) {
    let next: KNode | undefined;
    if (typeof key === 'number') {
      const item: unknown = from?.get(key)?.value;
      const name = isMapping(item) && typeof item.name === 'string' ? item.name : undefined;
      next = name !== undefined ? to.items().find((i) => isMapping(i.value) && i.value.name === name) : to.get(key);
    } else next = to.get(key);
    from = from?.get(key);
    if (!next) return { target: to, complete: false };
    to = next;
  }
  return { target: to, complete: true };
}

function sameSpan(a: Span, b: Span): boolean {
  return a.line === b.line && a.column === b.column && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

/** The `configMapGenerator:`/`secretGenerator:` line of a kustomization, for generated objects. */
function generatorSpan(file: SourceFile): Span {
  const lines = file.text.split('\n');
  const index = lines.findIndex((l) => /^(configMapGenerator|secretGenerator|generators|helmCharts)\s*:/.test(l));
  const line = index === -1 ? 1 : index + 1;
  const length = index === -1 ? 1 : (lines[index]?.indexOf(':') ?? 0) + 1;
  return { line, column: 1, endLine: line, endColumn: length + 1 };
}
