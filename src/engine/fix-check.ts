import type { SourceFile, Span } from '../types.js';
import { LineIndex } from '../parsers/positions.js';
import type { FixProposal, TextEdit } from './rule.js';

const lineIndexes = new WeakMap<SourceFile, LineIndex>();

function lineIndexOf(file: SourceFile): LineIndex {
  let index = lineIndexes.get(file);
  if (!index) lineIndexes.set(file, (index = new LineIndex(file.text)));
  return index;
}

/**
 * The fix when every edit lies inside `file` and no two edits overlap, else undefined: a rule's
 * edits are never applied unchecked. Edits come back sorted by position.
 */
export function checkedFix(fix: FixProposal, file: SourceFile): FixProposal | undefined {
  if (fix.edits.length === 0) return undefined;
  const lines = lineIndexOf(file);
  const located: Array<{ edit: TextEdit; start: number; end: number }> = [];
  for (const edit of fix.edits) {
    const start = offsetInside(lines, edit.span.line, edit.span.column);
    const end = offsetInside(lines, edit.span.endLine, edit.span.endColumn);
    if (start === undefined || end === undefined || end < start) return undefined;
    located.push({ edit, start, end });
  }
  located.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < located.length; i++) {
    const previous = located[i - 1]!; // 1 <= i < length
    const current = located[i]!;
    if (current.start < previous.end || (current.start === previous.start && current.end === previous.end)) return undefined;
  }
  return { ...fix, edits: located.map((l) => l.edit) };
}

/** Offset of a 1-based line/column when the column is within the line (or just after its end). */
function offsetInside(lines: LineIndex, line: number, column: number): number | undefined {
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || line > lines.lineCount || column < 1) return undefined;
  if (column > lines.lineText(line).length + 1) return undefined;
  return lines.offsetOf(line, column);
}

/** Offsets of an edit's span in `text` (for applying); undefined when it is not inside. */
export function editOffsets(lines: LineIndex, span: Span): { start: number; end: number } | undefined {
  const start = offsetInside(lines, span.line, span.column);
  const end = offsetInside(lines, span.endLine, span.endColumn);
  return start === undefined || end === undefined || end < start ? undefined : { start, end };
}
