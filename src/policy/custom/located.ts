import { LineCounter, isMap, isScalar, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';

/** 1-based line and column in a rule file. */
export interface Position {
  line: number;
  column: number;
}

/**
 * A rule definition as read from YAML, with the means to find where any of its keys or values is
 * written: the positions errors and CEL compile errors point at.
 */
export interface LocatedDefinition {
  value: unknown;
  file: string;
  /** Where the definition sits in its file (`customRules.3.` for an entry of the config), prefixed to the keys errors name. */
  keyPrefix: string;
  /** The position of the node at `path` under the definition (the deepest existing node when it is missing); of its key with `part: 'key'`. */
  positionOf(path: readonly (string | number)[], part?: 'key' | 'value'): Position | undefined;
  /** The position of character `offset` of the string value at `path` (a CEL expression), escapes and block scalars included. */
  positionInString(path: readonly (string | number)[], offset: number): Position | undefined;
}

/** A YAML document read with positions; `base` is the path of the definition inside it (`customRules.3`). */
export function locate(
  file: string,
  text: string,
  document: Document,
  lines: LineCounter,
  base: readonly (string | number)[],
): LocatedDefinition {
  const nodeAt = (path: readonly (string | number)[]): YamlNode | undefined => {
    const full = [...base, ...path];
    for (let depth = full.length; depth >= 0; depth--) {
      const node = document.getIn(full.slice(0, depth), true) as YamlNode | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return node;
    }
    return undefined;
  };
  const toPosition = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  return {
    value: base.reduce<unknown>(
      (value, step) => (value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined),
      document.toJS(),
    ),
    file,
    keyPrefix: base.map((step) => `${step}.`).join(''),
    positionOf(path, part = 'value') {
      const last = path[path.length - 1];
      const parent = part === 'key' && last !== undefined ? document.getIn([...base, ...path.slice(0, -1)], true) : undefined;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
        const key = pair?.key as YamlNode | undefined;
        if (key?.range) return toPosition(key.range[0]);
      }
      const node = nodeAt(path);
      return node?.range ? toPosition(node.range[0]) : undefined;
    },
    positionInString(path, offset) {
      const node = document.getIn([...base, ...path], true) as YamlNode | undefined;
      if (!node || !isScalar(node) || !node.range || typeof node.value !== 'string') return this.positionOf(path);
      // An error at the end (`Unexpected EOF`) points just after the last character, not after a block scalar's final line break.
      const clamped = Math.min(offset, node.value.trimEnd().length);
      return toPosition(sourceOffsetOf(text, node.range[0], node.range[1], node.type, node.value, clamped));
    },
  };
}

/** Every document of a YAML file with positions, or the YAML error with its position. */
export function readYamlDocuments(text: string): { documents: Document[]; lines: LineCounter } | { error: string; position?: Position } {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(documents)) return { documents: [], lines };
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      return { error: error.message.split('\n')[0] ?? error.message, position: { line, column: col } };
    }
  }
  return { documents, lines };
}

/**
 * Where character `offset` of a scalar's value is written. The value differs from the source by
 * quotes, escapes, folded line breaks and block indentation, so the value's characters are matched
 * in order against the source, skipping what the value does not hold (an escape's backslash, an
 * indentation, a block header).
 */
export function sourceOffsetOf(text: string, start: number, end: number, type: string | undefined, value: string, offset: number): number {
  let p = start;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const header = text.indexOf('\n', start);
    p = header === -1 || header >= end ? end : header + 1;
  } else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') p = start + 1;
  const target = Math.max(0, Math.min(offset, value.length));
  for (let k = 0; k < target && p < end; k++) {
    const want = value[k];
    while (p < end && !sameCharacter(text[p], want)) p++;
    p++;
  }
  while (p < end && /[\s\\]/.test(text[p] ?? '') && !/\s/.test(value[target] ?? 'x')) p++;
  return Math.min(p, end);
}

function sameCharacter(source: string | undefined, value: string | undefined): boolean {
  if (source === value) return true;
  // A folded line break or an escaped one stands for a space or a newline of the value.
  return (value === ' ' || value === '\n') && (source === '\n' || source === '\r');
}
