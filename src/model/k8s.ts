import type { Span, SourceFile } from '../types.js';
import type { PathKey, YamlFile } from '../parsers/yaml.js';
import { MODEL_NODE, type ModelNode } from './node.js';
import { scalarText } from '../util/text.js';

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value in a YAML document together with its path; its span is resolved only when asked.
 * `object` is the Kubernetes object the node belongs to (a List's item, not the List): the model
 * sets it on each object's root node and every node reached from there inherits it.
 */
export class KNode<T = unknown> implements ModelNode {
  readonly [MODEL_NODE] = true as const;

  constructor(
    readonly file: YamlFile,
    readonly doc: number,
    readonly path: readonly PathKey[],
    readonly value: T,
    readonly object?: K8sObject,
  ) {}

  /** This node as the root node of `object`; for the model builder. */
  ownedBy(object: K8sObject): KNode<T> {
    return new KNode(this.file, this.doc, this.path, this.value, object);
  }

  /** The key of this mapping entry as a report target (the node itself for sequence items and roots). */
  key(): KNodePart {
    return new KNodePart(this, 'key');
  }

  /** The value alone as a report target (without its key). */
  valueOnly(): KNodePart {
    return new KNodePart(this, 'value');
  }

  get sourceFile(): SourceFile {
    return this.file.source;
  }

  get span(): Span {
    return this.file.spanOf(this.doc, this.path);
  }

  get keySpan(): Span {
    return this.file.spanOf(this.doc, this.path, 'key');
  }

  get valueSpan(): Span {
    return this.file.spanOf(this.doc, this.path, 'value');
  }

  get(key: PathKey): KNode | undefined {
    const v = this.value as unknown;
    if (typeof key === 'number') {
      if (!Array.isArray(v) || key >= v.length) return undefined;
      return new KNode(this.file, this.doc, [...this.path, key], v[key], this.object);
    }
    if (!isMapping(v) || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    return new KNode(this.file, this.doc, [...this.path, key], v[key], this.object);
  }

  at(...keys: PathKey[]): KNode | undefined {
    let node: KNode | undefined = this;
    for (const key of keys) {
      node = node.get(key);
      if (!node) return undefined;
    }
    return node;
  }

  /** Items of a sequence (empty when this is not a sequence). */
  items(): KNode[] {
    const v = this.value as unknown;
    return Array.isArray(v) ? v.map((item, i) => new KNode(this.file, this.doc, [...this.path, i], item, this.object)) : [];
  }

  /** Entries of a mapping (empty when this is not a mapping). */
  entries(): Array<[string, KNode]> {
    const v = this.value as unknown;
    return isMapping(v) ? Object.keys(v).map((k) => [k, new KNode(this.file, this.doc, [...this.path, k], v[k], this.object)]) : [];
  }

  /** The deepest existing node along `keys` (for reporting something missing). */
  nearest(keys: readonly PathKey[]): KNode {
    let node: KNode = this;
    for (const key of keys) {
      const next = node.get(key);
      if (!next) break;
      node = next;
    }
    return node;
  }
}

/** Part of a node (its key, or its value without the key) that a finding points at. */
export class KNodePart implements ModelNode {
  readonly [MODEL_NODE] = true as const;

  constructor(
    readonly node: KNode,
    readonly part: 'key' | 'value',
  ) {}

  get sourceFile(): SourceFile {
    return this.node.sourceFile;
  }

  get object(): K8sObject | undefined {
    return this.node.object;
  }

  get span(): Span {
    if (this.part === 'value') return this.node.valueSpan;
    return typeof this.node.path[this.node.path.length - 1] === 'string' ? this.node.keySpan : this.node.span;
  }
}

/** The object a model node of a Kubernetes file belongs to, when it is one of the model's nodes. */
export function ownerObject(at: object): K8sObject | undefined {
  return at instanceof KNode || at instanceof KNodePart ? at.object : undefined;
}

export interface K8sObject {
  file: YamlFile;
  node: KNode<Mapping>;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** `Kind/namespace/name` (namespace omitted when unset). */
  id: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  /**
   * A kustomize patch rather than a whole object: a kustomization of the run names its file as a
   * patch; or, when none names it, the file is named or filed as a patch (`patches/…`,
   * `…_patch.yaml`) or uses a strategic-merge directive (`$patch:`). Patches hold only the fields
   * they change, so rules about missing fields do not judge them.
   */
  partial: boolean;
}

export type ContainerType = 'init' | 'regular' | 'ephemeral';

export interface Workload {
  object: K8sObject;
  /** The pod spec mapping (the one holding `containers`). */
  podSpec: KNode<Mapping>;
  /** The pod template (holding `metadata` and `spec`) when the pod spec sits under one. */
  template?: KNode<Mapping>;
  templateLabels: Record<string, string>;
  templateAnnotations: Record<string, string>;
  containers: Container[];
}

export interface Container {
  workload: Workload;
  node: KNode<Mapping>;
  name: string;
  type: ContainerType;
  image?: string;
}

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  // Scalars only: a mapping value (even one with a `toString` key) is no label value.
  if (isMapping(value))
    for (const [k, v] of Object.entries(value))
      if (v !== null && (typeof v !== 'object' || v instanceof Date) && v !== undefined) out[k] = scalarText(v);
  return out;
}

export function objectId(kind: string, namespace: string | undefined, name: string | undefined): string {
  return [kind, namespace, name ?? '<unnamed>'].filter((part) => part !== undefined).join('/');
}
