import jsyaml from 'js-yaml';
import { parseAllDocuments, isMap, isSeq, isScalar, isPair, type Document, type Node as YamlAstNode, type Pair } from 'yaml';
import type { SourceFile, Span } from '../types.js';
import { LineIndex } from './positions.js';
import { modelNode, type ModelNode } from '../model/node.js';
import { documentOverBudget } from './yaml-budget.js';
import { scanJson } from './json-duplicates.js';
import { DEFAULT_LIMITS, overBudget, type Limits } from '../util/limits.js';

export type PathKey = string | number;

// Values come from js-yaml (about 10x faster than `yaml` on the real corpus); positions come from
// `yaml`, parsed only for files where something is reported, so cost follows use.
// YAML 1.1 tags (`!!binary`, `!!timestamp`, `!!set`, `!!omap`, `!!pairs`) are accepted when written
// explicitly but keep their plain value (a timestamp stays a string, as Kubernetes reads it).
const KEEP_AS_IS = [
  ...['binary', 'timestamp'].map(
    (tag) => new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', construct: (data: unknown) => data ?? '' }),
  ),
  new jsyaml.Type('tag:yaml.org,2002:set', { kind: 'mapping', construct: (data: unknown) => data ?? {} }),
  ...['omap', 'pairs'].map(
    (tag) => new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'sequence', construct: (data: unknown) => data ?? [] }),
  ),
];
const SCHEMA = jsyaml.CORE_SCHEMA.extend([(jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge, ...KEEP_AS_IS]);

export class YamlParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** A key that occurs more than once in one mapping (`occurrence` 2 is the second one, and so on); located at this occurrence's key. */
export interface DuplicateKey extends ModelNode {
  doc: number;
  /** Path of the mapping holding the key. */
  path: PathKey[];
  key: string;
  occurrence: number;
  /** How many times the key occurs in the mapping. */
  count: number;
  /** Span of this occurrence's key. */
  span: Span;
  /** Line of the first occurrence. */
  firstLine: number;
}

export class YamlFile {
  readonly documents: unknown[];
  /** js-yaml saw a duplicate mapping key (the last one won); `duplicateKeys` locates them. */
  readonly hasDuplicateKeys: boolean;
  private readonly astByDocument = new Map<number, { document: Document.Parsed; offset: number }>();
  private chunks?: Array<{ start: number; end: number }> | null;
  private lineIndexCache?: LineIndex;
  private duplicateKeysCache?: DuplicateKey[];
  private textCache?: string;

  /** Throws YamlParseError for a syntax error or a document over a budget (limits: DEFAULT_LIMITS unless given). */
  constructor(
    readonly source: SourceFile,
    limits: Partial<Limits> = {},
  ) {
    const budgets = { ...DEFAULT_LIMITS, ...limits };
    const loaded = loadDocuments(source, budgets.maxDepth);
    this.documents = loaded.documents;
    this.hasDuplicateKeys = loaded.duplicates;
    if (loaded.jsonDepth !== undefined) {
      if (loaded.jsonDepth > budgets.maxDepth) throw new YamlParseError(`nested ${overBudget('maxDepth', budgets.maxDepth, 'level')}`);
      return;
    }
    // Aliases need an anchor (`&name`) first; without one the cheaper depth-only check is enough.
    const mayAlias = source.text.includes('&');
    this.documents.forEach((document, doc) => {
      const problem = documentOverBudget(document, budgets, mayAlias);
      if (problem)
        throw new YamlParseError(`${this.documents.length > 1 ? `document ${doc + 1}: ` : ''}${problem}`, this.documentLine(doc));
    });
  }

  /** First line of document `doc` when the stream splits cleanly at its markers. */
  private documentLine(doc: number): number | undefined {
    this.chunks ??= documentChunks(this.text, this.documents.length);
    const chunk = this.chunks?.[doc];
    if (!chunk) return undefined;
    const lead = /^(?:---)?\s*/.exec(this.text.slice(chunk.start, chunk.end))?.[0].length ?? 0;
    return this.lineIndex.position(chunk.start + lead).line;
  }

  /** Every repeated key with its position; parses positions only in files where js-yaml saw one. */
  get duplicateKeys(): DuplicateKey[] {
    if (!this.hasDuplicateKeys) return [];
    return (this.duplicateKeysCache ??= this.findDuplicateKeys());
  }

  private findDuplicateKeys(): DuplicateKey[] {
    const out: DuplicateKey[] = [];
    const walk = (node: unknown, doc: number, offset: number, path: PathKey[]): void => {
      if (isMap(node)) {
        const seen = new Map<string, Pair[]>();
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
          if (key === undefined || key === '<<') continue;
          const pairs = seen.get(key);
          if (pairs) pairs.push(pair);
          else seen.set(key, [pair]);
        }
        for (const [key, pairs] of seen) {
          const first = rangeOf(pairs[0]?.key);
          pairs.forEach((pair, i) => {
            const range = rangeOf(pair.key);
            if (i === 0 || !range || !first) return;
            const span = this.lineIndex.span(range[0] + offset, range[1] + offset);
            out.push(
              modelNode(
                {
                  doc,
                  path,
                  key,
                  occurrence: i + 1,
                  count: pairs.length,
                  span,
                  firstLine: this.lineIndex.position(first[0] + offset).line,
                },
                this.source,
              ),
            );
          });
          // js-yaml keeps the last value of a repeated key; paths below follow it.
          walk(pairs[pairs.length - 1]?.value, doc, offset, [...path, key]);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => walk(item, doc, offset, [...path, i]));
      }
    };
    this.documents.forEach((_, doc) => {
      const entry = this.ast(doc);
      if (entry) walk(entry.document.contents, doc, entry.offset, []);
    });
    return out;
  }

  /**
   * The source with lone CRs (old Mac line ends) as LFs: same length, so offsets are unchanged, but
   * the `yaml` parser and LineIndex see the line breaks js-yaml sees (else every span is 1:1).
   */
  private get text(): string {
    return (this.textCache ??= this.source.text.includes('\r') ? this.source.text.replace(/\r(?!\n)/g, '\n') : this.source.text);
  }

  get lineIndex(): LineIndex {
    return (this.lineIndexCache ??= new LineIndex(this.text));
  }

  /**
   * The `yaml` document with source ranges for document `doc`, parsed on first use. Only that
   * document's text is parsed (a CRD bundle with one finding costs one document, not the file);
   * `offset` converts its ranges to offsets in the file.
   */
  ast(doc: number): { document: Document.Parsed; offset: number } | undefined {
    let entry = this.astByDocument.get(doc);
    if (entry) return entry;
    this.chunks ??= documentChunks(this.text, this.documents.length);
    if (this.chunks) {
      const chunk = this.chunks[doc];
      if (!chunk) return undefined;
      const document = parseAllDocuments(this.text.slice(chunk.start, chunk.end), PARSE_OPTIONS)[0];
      if (!document) return undefined;
      entry = { document, offset: chunk.start };
    } else {
      const all = parseAllDocuments(this.text, PARSE_OPTIONS) as Document.Parsed[];
      all.forEach((document, i) => this.astByDocument.set(i, { document, offset: 0 }));
      entry = this.astByDocument.get(doc);
      if (!entry) return undefined;
    }
    this.astByDocument.set(doc, entry);
    return entry;
  }

  /**
   * Drops the parsed `yaml` documents (the largest part of a file's model, several times its text);
   * `ast` parses a document again if it is needed later. The engine calls it once a file's own
   * rules ran, so a run holds the ASTs of one file at a time, not of every file until the end.
   */
  releaseAst(): void {
    this.astByDocument.clear();
  }

  /** How many documents are held parsed by `yaml` now (test/hostile/scale.test.ts checks the engine drops them). */
  get parsedDocumentCount(): number {
    return this.astByDocument.size;
  }

  /** Spans found so far (by document, part and path): a span asked again after releaseAst needs no parse. */
  private readonly spanCache = new Map<string, Span>();

  /**
   * Span of the node at `path` in document `doc`. A path ending in a mapping key spans the
   * whole pair (`key: value`); a path that does not exist resolves to its nearest ancestor.
   */
  spanOf(doc: number, path: readonly PathKey[], part: 'pair' | 'key' | 'value' = 'pair'): Span {
    // A mapping's keys and a sequence's indexes never meet under one parent, so the joined path is unambiguous.
    const cacheKey = `${doc}\u0000${part}\u0000${path.join('\u0000')}`;
    const cached = this.spanCache.get(cacheKey);
    if (cached) return { ...cached };
    const span = this.locate(doc, path, part);
    this.spanCache.set(cacheKey, span);
    return { ...span };
  }

  private locate(doc: number, path: readonly PathKey[], part: 'pair' | 'key' | 'value'): Span {
    if (path.length === 1 && typeof path[0] === 'string') {
      const fast = this.topLevelScalarSpan(doc, path[0], part);
      if (fast) return fast;
    }
    const entry = this.ast(doc);
    if (!entry) return this.lineIndex.span(0, 0);
    const { document, offset } = entry;
    let node: unknown = document.contents;
    let pair: Pair | undefined;
    for (const key of path) {
      const child = childOf(node, key);
      if (!child) break;
      node = child.node;
      pair = child.pair;
    }
    const target = pickRange(node, pair, part) ?? (document.contents as YamlAstNode | null)?.range ?? document.range;
    return this.lineIndex.span(target[0] + offset, target[1] + offset);
  }

  /**
   * Span of a top-level `key: scalar` line found in the document's text, without parsing the
   * document (a finding on `apiVersion` of a 5 MB CRD then costs a line scan, not a parse). Only
   * for a block mapping whose key occurs on exactly one line at column 0 with a plain or quoted
   * scalar value that js-yaml also read as a scalar; anything else goes to the parser.
   */
  private topLevelScalarSpan(doc: number, key: string, part: 'pair' | 'key' | 'value'): Span | undefined {
    const value = this.documents[doc];
    if (!/^[A-Za-z_][\w.-]*$/.test(key) || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const scalar = (value as Record<string, unknown>)[key];
    if (scalar === undefined || (typeof scalar === 'object' && scalar !== null)) return undefined;
    this.chunks ??= documentChunks(this.text, this.documents.length);
    const chunk = this.chunks?.[doc];
    if (!chunk) return undefined;
    const text = this.text.slice(chunk.start, chunk.end);
    const line = new RegExp(`^${key.replace(/\./g, '\\.')}[ \\t]*:(?=[ \\t]|\\r?$)`, 'gm');
    const matches = [...text.matchAll(line)];
    const match = matches[0];
    if (matches.length !== 1 || !match) return undefined;
    const keyStart = chunk.start + (match.index ?? 0);
    const newline = this.text.indexOf('\n', keyStart);
    const lineEnd = newline === -1 || newline > chunk.end ? chunk.end : newline;
    // An indented line after it continues a multi-line scalar: leave that to the parser.
    if (/^\n[ \t]+[^\s#]/.test(this.text.slice(lineEnd, Math.min(chunk.end, lineEnd + 200)))) return undefined;
    let rest = this.text.slice(keyStart + match[0].length, lineEnd);
    const lead = rest.length - rest.trimStart().length;
    rest = rest.trimStart().replace(/\r$/, '');
    const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')(?:[ \t]+#.*)?[ \t]*$/.exec(rest);
    const plain = /^([^\s#{}[\]&*!|>'"%@`,][^#]*?)(?:[ \t]+#.*)?[ \t]*$/.exec(rest);
    const valueText = quoted?.[1] ?? plain?.[1];
    if (!valueText) return undefined;
    const valueStart = keyStart + match[0].length + lead;
    const keyEnd = keyStart + key.length;
    if (part === 'key') return this.lineIndex.span(keyStart, keyEnd);
    if (part === 'value') return this.lineIndex.span(valueStart, valueStart + valueText.length);
    return this.lineIndex.span(keyStart, valueStart + valueText.length);
  }

  /**
   * The whole extent of the node at `path` (a collection from its first to its last item; with
   * `withKey`, from its key on), for edits; undefined when the path does not exist.
   */
  extentOf(doc: number, path: readonly PathKey[], withKey = false): Span | undefined {
    const entry = this.ast(doc);
    if (!entry) return undefined;
    let node: unknown = entry.document.contents;
    let pair: Pair | undefined;
    for (const key of path) {
      const child = childOf(node, key);
      if (!child) return undefined;
      node = child.node;
      pair = child.pair;
    }
    const nodeRange = rangeOf(node);
    const keyRange = withKey && pair ? rangeOf(pair.key) : undefined;
    const start = keyRange?.[0] ?? nodeRange?.[0];
    const end = nodeRange?.[1] ?? keyRange?.[1];
    if (start === undefined || end === undefined) return undefined;
    return this.lineIndex.span(start + entry.offset, end + entry.offset);
  }

  /** Span of the document (from its first content node). */
  documentSpan(doc: number): Span {
    return this.spanOf(doc, []);
  }
}

const PARSE_OPTIONS = { uniqueKeys: false, merge: true } as const;
const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * Splits a multi-document stream at its `---` and `...` lines the way js-yaml counts documents:
 * text before the first `---` is a document only if it holds content; each `---` starts one.
 * Returns null when the count disagrees with js-yaml's (then the whole file is parsed).
 */
function documentChunks(text: string, expected: number): Array<{ start: number; end: number }> | null {
  if (/^%/m.test(text)) return null; // directives: leave it to the full parser
  const chunks: Array<{ start: number; end: number; counts: boolean }> = [];
  let start = 0;
  let startsWithMarker = false;
  for (const match of text.matchAll(MARKER)) {
    const at = match.index ?? 0;
    chunks.push({ start, end: at, counts: startsWithMarker || hasContent(text.slice(start, at)) });
    start = at;
    startsWithMarker = match[1] === '---';
    if (match[1] === '...') {
      const lineEnd = text.indexOf('\n', at);
      start = lineEnd === -1 ? text.length : lineEnd + 1;
      const previous = chunks[chunks.length - 1];
      if (previous) previous.end = start;
    }
  }
  chunks.push({ start, end: text.length, counts: startsWithMarker || hasContent(text.slice(start)) });
  const documents = chunks.filter((c) => c.counts);
  return documents.length === expected ? documents : null;
}

function hasContent(text: string): boolean {
  return /^[ \t]*[^\s#]/m.test(text);
}

function childOf(node: unknown, key: PathKey): { node: unknown; pair?: Pair } | undefined {
  if (isMap(node)) {
    // The last pair of a repeated key, as js-yaml keeps the last value.
    for (let i = node.items.length - 1; i >= 0; i--) {
      const pair = node.items[i];
      if (!pair) continue;
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
        return [
          firstRange[0],
          firstValue && !isMap((first as Pair).value) && !isSeq((first as Pair).value) ? firstValue[1] : firstRange[1],
        ];
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

function loadDocuments(source: SourceFile, maxDepth: number): { documents: unknown[]; duplicates: boolean; jsonDepth?: number } {
  const { text, path } = source;
  if (path.endsWith('.json')) {
    try {
      const document: unknown = JSON.parse(text);
      const scan = scanJson(text);
      return { documents: [document], duplicates: scan.duplicates, jsonDepth: scan.depth };
    } catch {
      // fall through: js-yaml reports the position of the syntax error
    }
  }
  try {
    // Without `json`, js-yaml throws on a duplicate key; only then parse again letting the last key win.
    try {
      return {
        documents: jsyaml.loadAll(text, undefined, { schema: SCHEMA, filename: path, maxDepth } as jsyaml.LoadOptions),
        duplicates: false,
      };
    } catch (error) {
      if (!(error instanceof jsyaml.YAMLException) || !/duplicated mapping key/.test(error.reason ?? '')) throw error;
      return {
        documents: jsyaml.loadAll(text, undefined, { schema: SCHEMA, json: true, filename: path, maxDepth } as jsyaml.LoadOptions),
        duplicates: true,
      };
    }
  } catch (error) {
    if (error instanceof jsyaml.YAMLException) {
      const mark = (error as unknown as { mark?: { line: number; column: number } }).mark;
      const reason = error.reason ?? '';
      if (reason.startsWith('nesting exceeded maxDepth'))
        throw new YamlParseError(
          `nested ${overBudget('maxDepth', maxDepth, 'level')}`,
          mark ? mark.line + 1 : undefined,
          mark ? mark.column + 1 : undefined,
        );
      throw new YamlParseError(`YAML syntax error: ${reason}`, mark ? mark.line + 1 : undefined, mark ? mark.column + 1 : undefined);
    }
    throw new YamlParseError(`YAML error: ${(error as Error).message}`);
  }
}
