import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { PathKey } from '../parsers/yaml.js';
import type { KNode } from './k8s.js';
import { modelNode, type ModelNode } from './node.js';

/**
 * Points inside a YAML string scalar: the characters `start`..`end` of its value (a CEL expression's
 * error offset) as the span of the source characters they were read from, through quotes, escapes,
 * folded lines and block indentation. When the source cannot be mapped back to the value (an odd
 * layout, tags, anchors), the whole value is the target.
 */
export function scalarPart(node: KNode, start: number, end = start + 1): ModelNode {
  const offsets = typeof node.value === 'string' ? sourceOffsets(node) : undefined;
  if (!offsets) return node.valueOnly();
  const { file } = node;
  const from = offsets.at(Math.min(start, offsets.length - 1));
  const lastIndex = Math.min(Math.max(end, start + 1), offsets.length) - 1;
  const to = offsets.at(lastIndex);
  if (from === undefined || to === undefined) return node.valueOnly();
  // An offset past the end (an error at the end of the expression) points just after the last character.
  const past = start >= offsets.length ? 1 : 0;
  return modelNode({ span: file.lineIndex.span(from + past, Math.max(to, from) + 1 + past) }, file.source);
}

/** File offset of each character of the scalar's value, or undefined when the decoding does not give back the value. */
function sourceOffsets(node: KNode): number[] | undefined {
  const entry = node.file.ast(node.doc);
  if (!entry) return undefined;
  const scalar = scalarAt(entry.document.contents, node.path);
  if (!scalar?.range || typeof scalar.source !== 'string' || scalar.tag) return undefined;
  const text = node.file.lineIndex.text;
  const base = entry.offset + scalar.range[0];
  const raw = text.slice(base, entry.offset + scalar.range[1]);
  const decoded =
    scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED'
      ? decodeBlock(raw, scalar.type === 'BLOCK_FOLDED')
      : decodeFlow(raw, scalar.type === 'QUOTE_DOUBLE' ? 'double' : scalar.type === 'QUOTE_SINGLE' ? 'single' : 'plain');
  const value = node.value as string;
  if (decoded.chars.replace(/\n+$/, '') !== value.replace(/\n+$/, '')) return undefined;
  return decoded.offsets.map((offset) => base + offset);
}

function scalarAt(root: unknown, path: readonly PathKey[]): Scalar | undefined {
  let node = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = [...node.items].reverse().find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key));
      node = pair?.value;
    } else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return isScalar(node) ? node : undefined;
}

interface Decoded {
  chars: string;
  offsets: number[];
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** Plain and quoted scalars: line breaks fold to a space (or to n-1 newlines after n breaks), edges of inner lines trimmed. */
function decodeFlow(raw: string, style: 'plain' | 'single' | 'double'): Decoded {
  const out: Decoded = { chars: '', offsets: [] };
  const push = (char: string, at: number): void => {
    out.chars += char;
    out.offsets.push(at);
  };
  const first = style === 'plain' ? 0 : 1;
  const last = style === 'plain' ? raw.length : raw.length - 1;
  const lines: Array<{ start: number; end: number }> = [];
  for (let at = first; at <= last;) {
    const newline = raw.indexOf('\n', at);
    const end = newline === -1 || newline > last ? last : newline;
    lines.push({ start: at, end });
    at = end + 1;
  }
  let pendingBreaks = 0;
  let breakAt = 0;
  let joined = false;
  lines.forEach((line, i) => {
    let { start, end } = line;
    if (i > 0) while (start < end && (raw[start] === ' ' || raw[start] === '\t')) start++;
    if (i < lines.length - 1) while (end > start && (raw[end - 1] === ' ' || raw[end - 1] === '\t' || raw[end - 1] === '\r')) end--;
    if (i > 0 && start === end && i < lines.length - 1) {
      pendingBreaks++;
      return;
    }
    if (i > 0 && !joined) {
      if (pendingBreaks === 0) push(' ', breakAt);
      for (let k = 0; k < pendingBreaks; k++) push('\n', breakAt);
    }
    pendingBreaks = 0;
    joined = false;
    for (let at = start; at < end; at++) {
      const char = raw[at]!;
      if (style === 'single' && char === "'" && raw[at + 1] === "'") {
        push("'", at);
        at++;
      } else if (style === 'double' && char === '\\') {
        const next = raw[at + 1];
        if (next === undefined || at + 1 >= end) {
          joined = true; // an escaped line break: the lines join without a space
          break;
        }
        const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
        if (hex > 0) {
          push(String.fromCodePoint(parseInt(raw.slice(at + 2, at + 2 + hex), 16)), at);
          at += 1 + hex;
        } else {
          push(DOUBLE_ESCAPES[next] ?? next, at);
          at++;
        }
      } else push(char, at);
    }
    breakAt = line.end;
  });
  return out;
}

/** Literal (`|`) and folded (`>`) block scalars: the content lines without their indentation. */
function decodeBlock(raw: string, folded: boolean): Decoded {
  const out: Decoded = { chars: '', offsets: [] };
  const headerEnd = raw.indexOf('\n');
  if (headerEnd === -1) return out;
  const lines: Array<{ start: number; end: number }> = [];
  for (let at = headerEnd + 1; at < raw.length;) {
    const newline = raw.indexOf('\n', at);
    const end = newline === -1 ? raw.length : newline;
    lines.push({ start: at, end: raw[end - 1] === '\r' ? end - 1 : end });
    at = end + 1;
  }
  const firstContent = lines.find((l) => raw.slice(l.start, l.end).trim() !== '');
  if (!firstContent) return out;
  let indent = 0;
  while (raw[firstContent.start + indent] === ' ') indent++;
  let previousNormal = false;
  let emptyRun: number[] = [];
  let started = false;
  for (const line of lines) {
    const text = raw.slice(line.start, line.end);
    if (text.trim() === '') {
      emptyRun.push(line.start);
      continue;
    }
    const contentStart = line.start + Math.min(indent, text.length);
    const normal = raw[contentStart] !== ' ' && raw[contentStart] !== '\t';
    if (started) {
      const breakAt = emptyRun[0] ?? line.start - 1;
      if (folded && previousNormal && normal) {
        if (emptyRun.length === 0) push(out, ' ', breakAt);
        for (const at of emptyRun) push(out, '\n', at);
      } else {
        push(out, '\n', breakAt);
        for (const at of emptyRun) push(out, '\n', at);
      }
    } else for (const at of emptyRun) push(out, '\n', at);
    emptyRun = [];
    for (let at = contentStart; at < line.end; at++) push(out, raw[at]!, at);
    started = true;
    previousNormal = normal;
  }
  return out;
}

function push(out: Decoded, char: string, at: number): void {
  out.chars += char;
  out.offsets.push(at);
}
