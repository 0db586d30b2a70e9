/** Terminal width when none is known (output piped to a file or a program). */
export const DEFAULT_WIDTH = 80;
/** Narrowest layout attempted: below this the rows are laid out as if the terminal were this wide. */
export const MIN_WIDTH = 40;

/**
 * Columns a terminal gives a character: two for East Asian wide and fullwidth characters and most
 * emoji, none for combining marks and zero-width characters, one otherwise.
 */
export function charWidth(codePoint: number): number {
  if (codePoint === 0x200b || codePoint === 0x200c || codePoint === 0x200d || codePoint === 0xfeff) return 0;
  if (
    (codePoint >= 0x0300 && codePoint <= 0x036f) ||
    (codePoint >= 0x1ab0 && codePoint <= 0x1aff) ||
    (codePoint >= 0x20d0 && codePoint <= 0x20ff) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xfe20 && codePoint <= 0xfe2f)
  )
    return 0;
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1f9ff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Columns `text` (no escape sequences, no newlines) takes on a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** `text` cut into pieces of at most `width` columns (a word longer than a line is split, never lost). */
function splitWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const ch of word) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (used + w > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += ch;
    used += w;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Greedy word wrap of one line of text to lines of at most `width` columns. Runs of spaces between
 * words become one space at a break; a word wider than the line is split. `last` is an unbreakable
 * token (a rule id) kept whole: after the last word when it fits there (two spaces before it), else
 * with the last word on a new line, else alone on a line of its own. Returns the lines and, when `last` is given, the index of the line
 * that holds it and its column there.
 */
export function wrapWords(text: string, width: number, last?: string): { lines: string[]; lastLine: number; lastColumn: number } {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(/ +/).filter((w) => w !== '')) {
    const w = displayWidth(word);
    if (used > 0 && used + 1 + w <= width) {
      line += ' ' + word;
      used += 1 + w;
      continue;
    }
    if (used > 0) lines.push(line);
    const pieces = w <= width ? [word] : splitWord(word, width);
    for (const piece of pieces.slice(0, -1)) lines.push(piece);
    line = pieces[pieces.length - 1] ?? '';
    used = displayWidth(line);
  }
  if (last === undefined) {
    lines.push(line);
    return { lines, lastLine: -1, lastColumn: -1 };
  }
  const lastWidth = displayWidth(last);
  if (used === 0 || used + 2 + lastWidth <= width) {
    const column = used === 0 ? 0 : used + 2;
    lines.push(used === 0 ? '' : line);
    return { lines, lastLine: lines.length - 1, lastColumn: column };
  }
  // It does not fit after the last word: bring that word down with it when both fit, so the id
  // never stands alone under a message that has more than one word on its last line.
  const cut = line.lastIndexOf(' ');
  const word = cut > 0 ? line.slice(cut + 1) : '';
  if (cut > 0 && displayWidth(word) + 2 + lastWidth <= width) {
    lines.push(line.slice(0, cut), word);
    return { lines, lastLine: lines.length - 1, lastColumn: displayWidth(word) + 2 };
  }
  lines.push(line, '');
  return { lines, lastLine: lines.length - 1, lastColumn: 0 };
}
