import type { LineIndex } from '../parsers/positions.js';

/**
 * Lines `fromLine..toLine` of the file, with everything before `fromColumn` on the first line
 * blanked and comment lines (which Docker strips from continued instructions) blanked, so the
 * shell parser's line/column are the Dockerfile's own.
 */
export function paddedText(lines: LineIndex, fromLine: number, fromColumn: number, toLine: number, escapeChar: string): string {
  const out: string[] = [];
  let continued = false;
  for (let line = fromLine; line <= toLine; line++) {
    let text = lines.lineText(line);
    if (line === fromLine) text = ' '.repeat(fromColumn - 1) + text.slice(fromColumn - 1);
    else if (continued && /^\s*(#.*)?$/.test(text)) {
      // Docker drops comment and empty lines inside a continued instruction; keep the shell's line going.
      out.push(' '.repeat(Math.max(0, text.length - 1)) + '\\');
      continue;
    }
    // Docker accepts blanks after the escape character; the shell would not.
    const trimmed = text.replace(/[ \t]+$/, '');
    continued = escapeChar !== '\0' && trimmed.endsWith(escapeChar);
    if (continued) text = trimmed.slice(0, -1) + '\\';
    out.push(text);
  }
  return out.join('\n');
}
