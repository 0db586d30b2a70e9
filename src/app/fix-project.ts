import type { Finding, InputError } from '../types.js';
import { lintProject, type LintProjectOptions } from './lint-project.js';
import type { LintRun } from './result.js';
import { appliesFix, applyFixes, findingKey, newFindings } from './fix.js';

export interface FixProjectOptions extends LintProjectOptions {
  /** Also apply fixes that may change behaviour. */
  unsafeFixes?: boolean;
  /** Lint → fix rounds at most (fixes that overlap wait for the next round). Default 10. */
  maxPasses?: number;
}

/** A file `--fix` changes: its text before and after, and how many fixes of each rule went in. */
export interface FileFix {
  /** Display path (as in findings). */
  file: string;
  before: string;
  after: string;
  applied: Map<string, number>;
}

/** Fixes left out because the text they gave did not parse or had findings the original did not. */
export interface FixRejection {
  file: string;
  ruleId: string;
  reason: string;
}

export interface FixRun {
  /** The lint of the fixed texts: what is left. */
  run: LintRun;
  changes: FileFix[];
  rejected: FixRejection[];
}

/**
 * Lints, applies the fixes that do not overlap, lints the result, and repeats until nothing more
 * applies. A file whose fixes leave it unparsable or with a finding it did not have keeps its text
 * of before that round; the culprit is then found by applying that file's fixes one at a time.
 * Writes nothing: the caller writes `changes` (or prints them as a diff).
 */
export function fixProject(options: FixProjectOptions): FixRun {
  const unsafe = options.unsafeFixes ?? false;
  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  const applied = new Map<string, Map<string, number>>();
  const refused = new Set<string>();
  const careful = new Set<string>();
  const rejected: FixRejection[] = [];
  let run = lintProject({ ...options, texts });
  const firstRun = run;
  for (let pass = 0; pass < (options.maxPasses ?? 10); pass++) {
    const candidate = new Map(texts);
    const appliedNow = new Map<string, Finding[]>();
    for (const [file, findings] of fixableByFile(run.report.findings, unsafe, refused)) {
      const text = texts.get(file) ?? run.report.sources.get(file);
      if (text === undefined) continue;
      if (!originals.has(file)) originals.set(file, text);
      const result = applyFixes(text, careful.has(file) ? findings.slice(0, 1) : findings);
      if (result.applied.length === 0 || result.text === text) continue;
      candidate.set(file, result.text);
      appliedNow.set(file, result.applied);
    }
    if (appliedNow.size === 0) break;
    let next = lintProject({ ...options, texts: candidate });
    let reverted = false;
    for (const [file, fixes] of appliedNow) {
      const problem = regression(file, run, next, unsafe) ?? ineffective(file, fixes, run, next);
      if (!problem) {
        const counts = applied.get(file) ?? new Map<string, number>();
        for (const f of fixes) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
        applied.set(file, counts);
        continue;
      }
      reverted = true;
      const previous = texts.get(file);
      if (previous === undefined) candidate.delete(file);
      else candidate.set(file, previous);
      if (fixes.length > 1) careful.add(file);
      else
        for (const f of fixes) {
          refused.add(`${file}\u0000${findingKey(f)}`);
          rejected.push({ file, ruleId: f.ruleId, reason: problem });
        }
    }
    if (reverted) next = lintProject({ ...options, texts: candidate });
    texts.clear();
    for (const [file, text] of candidate) texts.set(file, text);
    run = next;
  }
  // A finding revealed by one fix and left by the fix meant to remove it: the file keeps its text.
  const first = firstRun;
  let restored = false;
  for (const [file, text] of texts) {
    const original = originals.get(file);
    if (original === undefined || original === text) continue;
    const added = newFindings(
      first.report.findings.filter((f) => f.file === file),
      run.report.findings.filter((f) => f.file === file),
    )[0];
    if (!added) continue;
    texts.set(file, original);
    applied.delete(file);
    restored = true;
    rejected.push({
      file,
      ruleId: added.ruleId,
      reason: `the fixes would leave a new ${added.ruleId} finding (${added.message}); the file is left as it was`,
    });
  }
  if (restored) run = lintProject({ ...options, texts });
  const changes: FileFix[] = [];
  for (const [file, after] of texts) {
    const before = originals.get(file);
    if (before !== undefined && before !== after)
      changes.push({ file, before, after, applied: applied.get(file) ?? new Map<string, number>() });
  }
  return { run, changes: changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), rejected };
}

function fixableByFile(findings: readonly Finding[], unsafe: boolean, refused: ReadonlySet<string>): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!appliesFix(f, unsafe) || refused.has(`${f.file}\u0000${findingKey(f)}`)) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return byFile;
}

/**
 * Why the fixed text of `file` is worse than before: an input error, or a finding it did not have
 * that no fix of the next pass can remove (a fix may reveal a finding another fix removes: a typo
 * fixed in a key, and then its value is checked).
 */
function regression(file: string, before: LintRun, after: LintRun, unsafe: boolean): string | undefined {
  const errorsBefore = errorsOf(before.report.errors, file);
  const newError = errorsOf(after.report.errors, file).find((message) => !errorsBefore.includes(message));
  if (newError !== undefined) return `the fixed text would not parse: ${newError}`;
  const added = newFindings(
    before.report.findings.filter((f) => f.file === file),
    after.report.findings.filter((f) => f.file === file),
  );
  const first = added.find((f) => !appliesFix(f, unsafe));
  return first ? `the fixed text would have a new ${first.ruleId} finding: ${first.message}` : undefined;
}

/** A fix whose finding is still there would be applied again on every pass. */
function ineffective(file: string, fixes: readonly Finding[], before: LintRun, after: LintRun): string | undefined {
  const count = (findings: readonly Finding[]) => {
    const counts = new Map<string, number>();
    for (const f of findings) if (f.file === file) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
    return counts;
  };
  const was = count(before.report.findings);
  const is = count(after.report.findings);
  const fixed = count(fixes);
  const stuck = fixes.find((f) => {
    const key = findingKey(f);
    return (is.get(key) ?? 0) > (was.get(key) ?? 0) - (fixed.get(key) ?? 0);
  });
  return stuck ? `the fixed text still has the ${stuck.ruleId} finding` : undefined;
}

function errorsOf(errors: readonly InputError[], file: string): string[] {
  return errors.filter((e) => e.file === file).map((e) => e.message);
}
