import type { Span } from '../types.js';
import { escapeChar, isUnsafeChar } from './sanitize.js';
import { sourceLines } from './types.js';
import { displayWidth } from './wrap.js';

export const TAB_WIDTH = 4;
/** Characters of a source line shown at most: a longer line (minified JSON, a 3,000-command RUN) is shown as a window around the span. */
export const FRAME_WIDTH = 120;
/** Characters kept in view before the span's start when a line is cut. */
const FRAME_LEAD = 40;
const ELLIPSIS = '…';

export interface FrameStyle {
  gutter: (text: string) => string;
  marker: (text: string) => string;
}

const plain: FrameStyle = { gutter: (t) => t, marker: (t) => t };

/** A file's lines as code frames use them (no empty last line for a trailing newline); split once per file. */
export function frameLines(text: string): string[] {
  const lines = sourceLines(text);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Characters of source a frame shows at least, however narrow the terminal. */
const FRAME_MIN = 20;

/**
 * The first span's line with one line of context on each side, a line-number gutter, and carets
 * under every span on that line (to the end of the line when a span continues on later lines).
 * Lines longer than FRAME_WIDTH characters, or than fit in `maxWidth` columns with the gutter, show
 * only a window around the first span, cut ends marked with `…`.
 * Control characters are shown as escapes (`\x1b`), never sent to the terminal.
 * Returns no lines when the span is outside the text.
 */
export function codeFrame(
  source: string | readonly string[],
  spans: Span | readonly Span[],
  style: FrameStyle = plain,
  maxWidth?: number,
): string[] {
  const lines = typeof source === 'string' ? frameLines(source) : source;
  const all = Array.isArray(spans) ? (spans as readonly Span[]) : [spans as Span];
  const primary = all[0];
  if (!primary || primary.line < 1 || primary.line > lines.length) return [];
  const target = lines[primary.line - 1] ?? '';
  const first = Math.max(1, primary.line - 1);
  const last = Math.min(lines.length, primary.line + 1);
  const width = String(last).length;
  // `> 12 | ` before the text, and room for an ellipsis at each cut end.
  const shownMax = maxWidth === undefined ? FRAME_WIDTH : Math.max(FRAME_MIN, Math.min(FRAME_WIDTH, maxWidth - (width + 5) - 2));
  const window = windowOf(target.length, clampIndex(primary.column - 1, target.length), shownMax);
  // Tabs and escapes widen a line as it is shown: narrow the window until the target line fits.
  const budget = maxWidth === undefined ? undefined : shownMax + 2;
  if (budget !== undefined) {
    for (let tries = 0; tries < 8; tries++) {
      const excess = displayWidth(renderWindow(target, window).text) - budget;
      if (excess <= 0 || window.to - window.from <= 1) break;
      window.to = Math.max(window.from + 1, window.to - excess);
    }
  }
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const isTarget = n === primary.line;
    const rendered = renderWindow(lines[n - 1] ?? '', window);
    const shown = budget !== undefined && !isTarget ? { ...rendered, text: cutToWidth(rendered.text, budget) } : rendered;
    const gutter = `${isTarget ? '>' : ' '} ${String(n).padStart(width)} |`;
    out.push(
      (isTarget ? style.marker(gutter.slice(0, 1)) + style.gutter(gutter.slice(1)) : style.gutter(gutter)) +
        (shown.text ? ' ' + shown.text : ''),
    );
    if (isTarget) {
      const visible = all.filter((s) => s === primary || (s.line === primary.line && inWindow(target, s, window)));
      const ranges = visible.map((s) => caretColumns(target, s, window, shown));
      out.push(style.gutter(`  ${' '.repeat(width)} |`) + ' ' + caretLine(ranges, style));
    }
  }
  return out;
}

interface Window {
  from: number;
  to: number;
}

function windowOf(length: number, startIndex: number, size: number): Window {
  if (length <= size) return { from: 0, to: size };
  const lead = Math.min(FRAME_LEAD, Math.floor(size / 3));
  const from = Math.max(0, Math.min(startIndex - lead, length - size));
  return { from, to: from + size };
}

interface Rendered {
  text: string;
  /** Display column of each raw index of the window (one more entry than characters), the `…` prefix included. */
  columns: number[];
}

/** The window of a line with tabs expanded and unsafe characters escaped, and where each character landed. */
function renderWindow(line: string, window: Window): Rendered {
  const from = Math.min(window.from, line.length);
  const to = Math.min(window.to, line.length);
  let text = from > 0 && line.length > 0 ? ELLIPSIS : '';
  const columns = [text.length];
  for (let i = from; i < to; i++) {
    const ch = line[i] ?? '';
    if (ch === '\t') text += ' '.repeat(TAB_WIDTH - (text.length % TAB_WIDTH));
    else text += isUnsafeChar(ch) ? escapeChar(ch) : ch;
    columns.push(text.length);
  }
  if (line.length > to) text += ELLIPSIS;
  return { text, columns };
}

/** At most `width` columns of `text`, an ellipsis marking the cut (context lines around the target). */
function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + ELLIPSIS;
}

function inWindow(line: string, span: Span, window: Window): boolean {
  const start = clampIndex(span.column - 1, line.length);
  const end = span.endLine > span.line ? line.length : clampIndex(span.endColumn - 1, line.length);
  return start <= window.to && end >= window.from;
}

function clampIndex(index: number, length: number): number {
  return Math.min(Math.max(index, 0), length);
}

/** Display columns [start, end) of a span's carets within the rendered window; at least one caret. */
function caretColumns(line: string, span: Span, window: Window, shown: Rendered): { start: number; end: number } {
  const startIndex = clampIndex(span.column - 1, line.length);
  const endIndex = span.endLine > span.line ? line.length : clampIndex(span.endColumn - 1, line.length);
  const from = Math.min(window.from, line.length);
  const last = shown.columns.length - 1;
  const at = (index: number): number => shown.columns[Math.min(Math.max(index - from, 0), last)] ?? 0;
  const start = at(startIndex);
  return { start, end: Math.max(start + 1, at(Math.max(endIndex, startIndex))) };
}

function caretLine(ranges: Array<{ start: number; end: number }>, style: FrameStyle): string {
  const merged: Array<{ start: number; end: number }> = [];
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    const previous = merged[merged.length - 1];
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  let out = '';
  let column = 0;
  for (const { start, end } of merged) {
    out += ' '.repeat(start - column) + style.marker('^'.repeat(end - start));
    column = end;
  }
  return out;
}

/** Caret offset and length in display columns (tabs expanded) of a span on a line shown whole. */
export function caretRange(line: string, span: Span): { start: number; length: number } {
  const shown = renderWindow(line, { from: 0, to: line.length });
  const { start, end } = caretColumns(line, span, { from: 0, to: line.length }, shown);
  return { start, length: end - start };
}

export function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH)) : ch;
  return out;
}
