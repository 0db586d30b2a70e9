import type { Span } from '../types.js';
import { sourceLines } from './types.js';

export const TAB_WIDTH = 4;

export interface FrameStyle {
  gutter: (text: string) => string;
  marker: (text: string) => string;
}

const plain: FrameStyle = { gutter: (t) => t, marker: (t) => t };

/**
 * The span's first line with one line of context on each side, a line-number gutter, and carets
 * under the span (to the end of the line when the span continues on later lines).
 * Returns no lines when the span is outside the text.
 */
export function codeFrame(text: string, span: Span, style: FrameStyle = plain): string[] {
  const lines = sourceLines(text);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (span.line < 1 || span.line > lines.length) return [];
  const first = Math.max(1, span.line - 1);
  const last = Math.min(lines.length, span.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const isTarget = n === span.line;
    const line = lines[n - 1]!; // 1 <= n <= last <= lines.length
    const code = expandTabs(line);
    const gutter = `${isTarget ? '>' : ' '} ${String(n).padStart(width)} |`;
    out.push((isTarget ? style.marker(gutter.charAt(0)) + style.gutter(gutter.slice(1)) : style.gutter(gutter)) + (code ? ' ' + code : ''));
    if (isTarget) {
      const { start, length } = caretRange(line, span);
      out.push(style.gutter(`  ${' '.repeat(width)} |`) + ' ' + ' '.repeat(start) + style.marker('^'.repeat(length)));
    }
  }
  return out;
}

/** Caret offset and length in display columns (tabs expanded). */
export function caretRange(line: string, span: Span): { start: number; length: number } {
  const startIndex = Math.min(Math.max(span.column - 1, 0), line.length);
  const endIndex = span.endLine > span.line ? line.length : Math.min(Math.max(span.endColumn - 1, startIndex), line.length);
  const start = displayWidth(line.slice(0, startIndex));
  const end = displayWidth(line.slice(0, endIndex));
  return { start, length: Math.max(1, end - start) };
}

export function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH)) : ch;
  return out;
}

function displayWidth(text: string): number {
  return expandTabs(text).length;
}
