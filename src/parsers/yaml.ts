import jsyaml from 'js-yaml';
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, type Document, type Node as YamlAstNode, type Pair } from 'yaml';
import type { SourceFile, Span } from '../types.js';
import { LineIndex } from './positions.js';

export type PathKey = string | number;

// Values come from js-yaml (about 10x faster than `yaml` on the real corpus); positions come from
// `yaml`, parsed only for files where something is reported, so cost follows use.
const SCHEMA = jsyaml.CORE_SCHEMA.extend([(jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge]);

export class YamlParseError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

export class YamlFile {
  readonly documents: unknown[];
  private astDocuments?: Document.Parsed[];
  private lineIndexCache?: LineIndex;

  constructor(readonly source: SourceFile) {
    this.documents = loadDocuments(source);
  }

  get lineIndex(): LineIndex {
    return (this.lineIndexCache ??= new LineIndex(this.source.text));
  }

  /** `yaml` documents with source ranges; parsed on first use. */
  get ast(): Document.Parsed[] {
    return (this.astDocuments ??= parseAllDocuments(this.source.text, { lineCounter: new LineCounter(), uniqueKeys: false, merge: true }) as Document.Parsed[]);
  }

  /**
   * Span of the node at `path` in document `doc`. A path ending in a mapping key spans the
   * whole pair (`key: value`); a path that does not exist resolves to its nearest ancestor.
   */
  spanOf(doc: number, path: readonly PathKey[], part: 'pair' | 'key' | 'value' = 'pair'): Span {
    const document = this.ast[doc];
    if (!document) return this.lineIndex.span(0, 0);
    let node: unknown = document.contents;
    let pair: Pair | undefined;
    for (const key of path) {
      const child = childOf(node, key);
      if (!child) break;
      node = child.node;
      pair = child.pair;
    }
    const target = pickRange(node, pair, part);
    if (!target) {
      const range = (document.contents as YamlAstNode | null)?.range ?? document.range;
      return this.lineIndex.span(range[0], range[1]);
    }
    return this.lineIndex.span(target[0], target[1]);
  }

  /** Span of the document (from its first content node). */
  documentSpan(doc: number): Span {
    return this.spanOf(doc, []);
  }
}

function childOf(node: unknown, key: PathKey): { node: unknown; pair?: Pair } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (k === key || (typeof key === 'number' && k === String(key)) || String(k) === key) return { node: pair.value, pair };
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item === undefined ? undefined : { node: item, pair: undefined };
  }
  return undefined;
}

function pickRange(node: unknown, pair: Pair | undefined, part: 'pair' | 'key' | 'value'): [number, number] | undefined {
  const nodeRange = rangeOf(node);
  if (pair && isPair(pair)) {
    const keyRange = rangeOf(pair.key);
    if (part === 'key' && keyRange) return [keyRange[0], keyRange[1]];
    if (part === 'pair' && keyRange) {
      if (nodeRange && !isMap(node) && !isSeq(node)) return [keyRange[0], nodeRange[1]];
      return [keyRange[0], keyRange[1]];
    }
  }
  if (nodeRange) {
    // For collections, point at the first line of the collection rather than its whole extent.
    if (isMap(node) || isSeq(node)) {
      const first = node.items[0];
      const firstRange = isPair(first) ? rangeOf(first.key) : rangeOf(first);
      if (firstRange && isMap(node)) {
        const firstValue = isPair(first) ? rangeOf(first.value) : undefined;
        return [firstRange[0], firstValue && !isMap((first as Pair).value) && !isSeq((first as Pair).value) ? firstValue[1] : firstRange[1]];
      }
      if (firstRange) return [firstRange[0], firstRange[1]];
    }
    return [nodeRange[0], nodeRange[1]];
  }
  return undefined;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

function loadDocuments(source: SourceFile): unknown[] {
  const { text, path } = source;
  if (path.endsWith('.json')) {
    try {
      return [JSON.parse(text)];
    } catch {
      // fall through: js-yaml reports the position of the syntax error
    }
  }
  try {
    return jsyaml.loadAll(text, undefined, { schema: SCHEMA, json: true, filename: path });
  } catch (error) {
    if (error instanceof jsyaml.YAMLException) {
      const mark = (error as unknown as { mark?: { line: number; column: number } }).mark;
      throw new YamlParseError(`YAML syntax error: ${(error as jsyaml.YAMLException).reason}`, mark ? mark.line + 1 : undefined, mark ? mark.column + 1 : undefined);
    }
    throw new YamlParseError(`YAML error: ${(error as Error).message}`);
  }
}
