import type { Span, TextEdit } from '../types.js';
import type { ModelNode } from './node.js';
import { isMapping, type KNode } from './k8s.js';

/**
 * Edits for fixes, built from model nodes so a rule never computes offsets by hand. The engine
 * checks that every edit lies inside its file and that a fix's edits do not overlap.
 */

export function replaceNode(node: ModelNode, text: string): TextEdit {
  return { span: node.span, text };
}

export function insertBefore(node: ModelNode, text: string): TextEdit {
  const { line, column } = node.span;
  return { span: { line, column, endLine: line, endColumn: column }, text };
}

export function insertAfter(node: ModelNode, text: string): TextEdit {
  const { endLine, endColumn } = node.span;
  return { span: { line: endLine, column: endColumn, endLine, endColumn }, text };
}

export function removeNode(node: ModelNode): TextEdit {
  return { span: node.span, text: '' };
}

/** Removes `node` and the blanks between it and the previous text on its line (`apt-get install -y x` → without ` -y`). */
export function removeWithLeadingSpace(node: ModelNode, lineText: string): TextEdit {
  const { line, column, endLine, endColumn } = node.span;
  let start = column;
  while (start > 1 && /[ \t]/.test(lineText[start - 2] ?? '')) start--;
  return { span: { line, column: start, endLine, endColumn }, text: '' };
}

/** The line ending a file uses (CRLF when it has any), for inserted lines. */
export function lineEndingOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A YAML value a fix writes: scalars, lists of scalars (written in flow style) and nested mappings. */
export type YamlValue = string | number | boolean | null | readonly (string | number | boolean)[] | { readonly [key: string]: YamlValue };

/**
 * The edit that makes `root` hold `value` at `path`, creating the mappings that are missing, in the
 * style of the file (block or flow, its indentation and line endings); undefined when a node on the
 * path is a scalar or a sequence, where no key can go.
 */
export function yamlSet(root: KNode, path: readonly string[], value: YamlValue): TextEdit | undefined {
  let node = root;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const next = node.get(path[depth]!); // depth < path.length
    if (!next) break;
    node = next;
  }
  const rest = path.slice(depth);
  if (rest.length === 0) {
    if (isMapping(node.value) || Array.isArray(node.value)) return undefined;
    return { span: node.valueSpan, text: flowValue(value) };
  }
  if (node.value === null || node.value === undefined) return setUnderEmptyKey(node, rest, value);
  if (!isMapping(node.value)) return undefined;
  return addToMapping(node, rest, value);
}

/** The edit that appends a scalar item to the sequence at `sequence` (block or flow). */
export function yamlAppendItem(sequence: KNode, item: string | number | boolean): TextEdit | undefined {
  const items = sequence.items();
  const text = sequence.file.lineIndex.text;
  const lines = sequence.file.lineIndex;
  const span = extent(sequence);
  if (!span) return undefined;
  const start = lines.offsetOf(span.line, span.column);
  const end = lines.offsetOf(span.endLine, span.endColumn);
  const written = text.slice(start, end);
  if (written.trimStart().startsWith('[')) {
    const close = start + written.lastIndexOf(']');
    if (close < start) return undefined;
    const at = lines.position(close);
    const point = { line: at.line, column: at.column, endLine: at.line, endColumn: at.column };
    return { span: point, text: items.length === 0 ? scalar(item) : `, ${scalar(item)}` };
  }
  const last = items[items.length - 1];
  if (!last) return undefined;
  const lastSpan = extent(last);
  if (!lastSpan) return undefined;
  const itemLine = lines.lineText(lastSpan.line);
  const dash = itemLine.lastIndexOf('-', lastSpan.column - 1);
  if (dash === -1) return undefined;
  const indent = itemLine.slice(0, dash);
  if (indent.trim() !== '') return undefined;
  return { span: endOfLine(sequence, lastSpan), text: `${lineEndingOf(text)}${indent}- ${scalar(item)}` };
}

function addToMapping(mapping: KNode, rest: readonly string[], value: YamlValue): TextEdit | undefined {
  const lines = mapping.file.lineIndex;
  const text = lines.text;
  const span = extent(mapping);
  if (!span) return undefined;
  const start = lines.offsetOf(span.line, span.column);
  const end = lines.offsetOf(span.endLine, span.endColumn);
  const written = text.slice(start, end);
  if (written.trimStart().startsWith('{')) {
    const close = start + written.lastIndexOf('}');
    if (close < start) return undefined;
    const at = lines.position(close);
    const entry = `${flowKey(rest)}${flowValue(nest(rest.slice(1), value))}`;
    const empty = mapping.entries().length === 0;
    return { span: { line: at.line, column: at.column, endLine: at.line, endColumn: at.column }, text: empty ? entry : `, ${entry}` };
  }
  const entries = mapping.entries();
  const first = entries[0]?.[1];
  const last = entries[entries.length - 1]?.[1];
  if (!first || !last) return undefined;
  const column = first.keySpan.column;
  const firstLine = lines.lineText(first.keySpan.line);
  // Entries of a mapping that is a sequence item (`- name: x`) start after the dash.
  const indent = ' '.repeat(column - 1);
  if (
    firstLine
      .slice(0, column - 1)
      .replace(/-/g, ' ')
      .trim() !== ''
  )
    return undefined;
  const step = indentStep(mapping, column);
  const eol = lineEndingOf(text);
  const lastSpan = extent(last, true);
  if (!lastSpan) return undefined;
  return { span: endOfLine(mapping, lastSpan), text: eol + blockEntry(rest, value, indent, step, eol) };
}

/** `key:` with nothing after it: the value goes on the key's line in flow style. */
function setUnderEmptyKey(node: KNode, rest: readonly string[], value: YamlValue): TextEdit | undefined {
  const key = node.path[node.path.length - 1];
  if (typeof key !== 'string') return undefined;
  const valueSpan = node.valueSpan;
  const keySpan = node.keySpan;
  const flow = flowValue(nest(rest, value));
  const lines = node.file.lineIndex;
  const writtenValue = lines.text.slice(
    lines.offsetOf(valueSpan.line, valueSpan.column),
    lines.offsetOf(valueSpan.endLine, valueSpan.endColumn),
  );
  // An explicit `null`/`~` is replaced; an empty value gets the mapping after the colon.
  if (/^(null|Null|NULL|~)$/.test(writtenValue)) return { span: valueSpan, text: flow };
  const keyLine = lines.lineText(keySpan.line);
  const colon = keyLine.indexOf(':', keySpan.endColumn - 1);
  if (colon === -1) return undefined;
  const at = { line: keySpan.line, column: colon + 2, endLine: keySpan.line, endColumn: colon + 2 };
  return { span: at, text: ` ${flow}` };
}

/** The whole extent of a node (a collection to its last item), from its key when `withKey`. */
function extent(node: KNode, withKey = false): Span | undefined {
  return node.file.extentOf(node.doc, node.path, withKey);
}

/** Indentation one level deeper than `column` uses in this mapping (2 unless a nested block mapping says otherwise). */
function indentStep(mapping: KNode, column: number): string {
  for (const [, child] of mapping.entries()) {
    const grandchild = child.entries()[0]?.[1];
    if (!grandchild) continue;
    if (grandchild.keySpan.line === child.keySpan.line) continue;
    const step = grandchild.keySpan.column - column;
    if (step > 0 && step <= 8) return ' '.repeat(step);
  }
  return '  ';
}

/** The point after the last character of the line where `span` ends (after any trailing comment). */
function endOfLine(node: KNode, span: Span): Span {
  const lines = node.file.lineIndex;
  // A block scalar's range runs to the start of the next line: its last line is the one before.
  const line = span.endColumn === 1 && span.endLine > span.line ? span.endLine - 1 : span.endLine;
  const column = lines.lineText(line).length + 1;
  return { line, column, endLine: line, endColumn: column };
}

function nest(keys: readonly string[], value: YamlValue): YamlValue {
  return keys.reduceRight<YamlValue>((inner, key) => ({ [key]: inner }), value);
}

function blockEntry(keys: readonly string[], value: YamlValue, indent: string, step: string, eol: string): string {
  const [key, ...rest] = keys;
  if (key === undefined) return '';
  const inner = nest(rest, value);
  if (isPlainObject(inner)) {
    const children = Object.entries(inner).map(([k, v]) => indent + step + blockEntry([k], v, indent + step, step, eol).trimStart());
    return `${indent}${scalar(key)}:${eol}${children.join(eol)}`;
  }
  return `${indent}${scalar(key)}: ${flowValue(inner)}`;
}

function flowKey(keys: readonly string[]): string {
  return `${scalar(keys[0] ?? '')}: `;
}

function flowValue(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map((v) => scalar(v as string | number | boolean)).join(', ')}]`;
  if (isPlainObject(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${scalar(k)}: ${flowValue(v)}`)
      .join(', ')}}`;
  return scalar(value as string | number | boolean | null);
}

function isPlainObject(value: YamlValue): value is { readonly [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as YAML reads it back unchanged: plain when it cannot be mistaken for another type, else double-quoted. */
export function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  const plain =
    /^[A-Za-z_/.][\w./-]*(?: [\w./-]+)*$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|y|n|~)$/i.test(value) &&
    !/^[-+.]?\d/.test(value);
  return plain ? value : JSON.stringify(value);
}

/**
 * Removes a mapping entry (`version: "3.8"`) with its whole lines, when it has its lines to itself
 * (block style); undefined otherwise.
 */
export function yamlRemoveEntry(node: KNode): TextEdit | undefined {
  const span = extent(node, true);
  if (!span) return undefined;
  const lines = node.file.lineIndex;
  if (
    lines
      .lineText(span.line)
      .slice(0, span.column - 1)
      .trim() !== ''
  )
    return undefined;
  const last = span.endColumn === 1 && span.endLine > span.line ? span.endLine - 1 : span.endLine;
  if (last < lines.lineCount) return { span: { line: span.line, column: 1, endLine: last + 1, endColumn: 1 }, text: '' };
  // The last line of the file: take the line break before it instead.
  if (span.line === 1) return { span: { line: 1, column: 1, endLine: last, endColumn: lines.lineText(last).length + 1 }, text: '' };
  const previous = span.line - 1;
  const from = lines.lineText(previous).length + 1;
  return { span: { line: previous, column: from, endLine: last, endColumn: lines.lineText(last).length + 1 }, text: '' };
}
