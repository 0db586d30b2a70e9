import { resolve } from 'node:path';
import { UsageError } from '../app/errors.js';
import { fixProject, type FixRun } from '../app/fix-project.js';
import { writeFixes } from '../app/fix-write.js';
import { unifiedDiff } from '../app/diff.js';
import { formatters } from '../app/formats.js';
import { WriteError, writeFileAtomic } from '../util/atomic-write.js';
import type { LintArgs } from './args.js';
import { lintOptionsFromArgs, type RunIO } from './run.js';

/**
 * `--fix` and `--fix-dry-run`: lint, fix, lint again until nothing more applies, then write the
 * fixed files (atomically, each keeping its BOM) or print a unified diff. The report of what is
 * left goes to stdout, or to stderr when stdout carries the fixed text or the diff.
 */
export function runFix(args: LintArgs, io: RunIO): number {
  if (args.kustomize !== undefined) throw new UsageError('--fix cannot edit the output of --kustomize; run it on the source files');
  const result = fixProject({ ...lintOptionsFromArgs(args, io), ...(args.unsafeFixes && { unsafeFixes: true }) });
  const stdinName = args.paths.includes('-') ? (args.stdinFilename ?? '<stdin>') : undefined;
  const stdoutTaken = args.fix === 'diff' || stdinName !== undefined;
  const failures: string[] = [];
  if (args.fix === 'diff') io.stdout(result.changes.map((c) => unifiedDiff(c.file, c.before, c.after)).join(''));
  else {
    failures.push(...writeFixes(result.changes, io.cwd, stdinName));
    if (stdinName !== undefined)
      io.stdout(result.changes.find((c) => c.file === stdinName)?.after ?? result.run.report.sources.get(stdinName) ?? '');
  }
  const color = args.output || stdoutTaken ? false : (args.color ?? io.colorDefault);
  const report = formatters[args.format](result.run.report, { color, quiet: args.quiet });
  if (args.output) {
    try {
      writeFileAtomic(resolve(io.cwd, args.output), report);
    } catch (error) {
      if (error instanceof WriteError) throw new UsageError(error.message);
      throw error;
    }
  } else if (stdoutTaken) io.stderr(report);
  else io.stdout(report);
  io.stderr(summary(result, args.fix === 'diff', failures));
  return failures.length > 0 ? 2 : result.run.exitCode;
}

function summary(result: FixRun, dryRun: boolean, failures: readonly string[]): string {
  const lines: string[] = [];
  let fixes = 0;
  for (const change of result.changes) for (const n of change.applied.values()) fixes += n;
  const files = result.changes.length;
  if (fixes > 0)
    lines.push(
      `k8slint: ${dryRun ? 'would fix' : 'fixed'} ${fixes} problem${fixes === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`,
    );
  else lines.push('k8slint: nothing to fix');
  for (const r of result.rejected) lines.push(`k8slint: ${r.file}: ${r.ruleId} fix not applied: ${r.reason}`);
  for (const failure of failures) lines.push(`k8slint: ${failure}`);
  return lines.join('\n') + '\n';
}
