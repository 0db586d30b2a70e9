/**
 * Whether JSON text (already known to parse) repeats a key in one object. JSON.parse keeps the last
 * value silently; YAML files get such keys reported, JSON manifests must too. One linear scan with a
 * stack of key sets for the open objects.
 */
export function jsonHasDuplicateKeys(text: string): boolean {
  return scanJson(text).duplicates;
}

/** Nesting depth of JSON text (0 for a scalar) and whether an object repeats a key; linear, no recursion. */
export function scanJson(text: string): { duplicates: boolean; depth: number } {
  const open: Array<Set<string> | null> = []; // null: an array
  let depth = 0;
  let duplicates = false;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b /* { */) {
      open.push(duplicates ? null : new Set());
      depth = Math.max(depth, open.length);
      i++;
    } else if (ch === 0x5b /* [ */) {
      open.push(null);
      depth = Math.max(depth, open.length);
      i++;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      open.pop();
      i++;
    } else if (ch === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const keys = open[open.length - 1];
      if (keys && isFollowedByColon(text, end)) {
        const raw = text.slice(i, end);
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (keys.has(key)) duplicates = true;
        keys.add(key);
      }
      i = end;
    } else i++;
  }
  return { duplicates, depth };
}

/** Index just past the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c /* \ */) i += 2;
    else if (ch === 0x22) return i + 1;
    else i++;
  }
  return text.length;
}

function isFollowedByColon(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3a /* : */) return true;
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) return false;
  }
  return false;
}
