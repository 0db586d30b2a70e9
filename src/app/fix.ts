import { LineIndex } from '../parsers/positions.js';
import { editOffsets } from '../engine/fix-check.js';
import type { Finding } from '../types.js';

/** Whether `--fix` (with `--unsafe-fixes` when `unsafe`) applies this finding's fix. */
export function appliesFix(finding: Finding, unsafe: boolean): boolean {
  return finding.fix !== undefined && (unsafe || finding.fix.safety === 'safe');
}

/**
 * Applies the fixes of `findings` (all of one file whose text is `text`) that do not overlap an
 * earlier chosen fix; a fix is applied whole or not at all. Overlapping fixes wait for the next pass.
 */
export function applyFixes(text: string, findings: readonly Finding[]): { text: string; applied: Finding[] } {
  const lines = new LineIndex(text);
  const taken: Array<{ start: number; end: number }> = [];
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const applied: Finding[] = [];
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix) continue;
    const located = fix.edits.map((edit) => ({ offsets: editOffsets(lines, edit), text: edit.text }));
    if (located.some((l) => l.offsets === undefined)) continue;
    const ranges = located.map((l) => l.offsets!); // checked above
    if (ranges.some((r) => taken.some((t) => overlaps(r, t)))) continue;
    taken.push(...ranges);
    located.forEach((l) => edits.push({ ...l.offsets!, text: l.text }));
    applied.push(finding);
  }
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return { text: out, applied };
}

/** Two ranges overlap, or are two insertions at the same point (whose order would be arbitrary). */
function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** A finding as compared across passes: positions move when a fix adds or removes lines, so they are left out. */
export function findingKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.object ?? ''}\u0000${finding.message.replace(/\d+/g, '#')}`;
}

/** Findings of `after` that `before` does not have (as many times as they occur). */
export function newFindings(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of before) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  const added: Finding[] = [];
  for (const f of after) {
    const key = findingKey(f);
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else added.push(f);
  }
  return added;
}
