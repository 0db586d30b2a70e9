import { spawnSync } from 'node:child_process';
import type { TestOptions } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why this test skipped itself ("shellcheck is not on PATH"); the skip-reasons reporter prints it. */
    skipReason?: string;
  }
}

/** How to ask each external program for its version: a zero exit status means it is installed and runs. */
const VERSION_ARGS: Record<string, string[]> = {
  kubectl: ['version', '--client'],
  helm: ['version', '--short'],
  tmux: ['-V'],
};

const found = new Map<string, boolean>();

/** Whether `program` is on PATH and runs; asked once per test worker. */
export function hasProgram(program: string): boolean {
  let ok = found.get(program);
  if (ok === undefined) {
    ok = spawnSync(program, VERSION_ARGS[program] ?? ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
    found.set(program, ok);
  }
  return ok;
}

export interface Requirement {
  available: boolean;
  /**
   * Options for `it(name, options, fn)` or `describe(name, options, fn)`: skip when the requirement
   * is not met, and record why, so that the run ends with "skipping N tests: <reason>".
   */
  options: TestOptions;
}

export function requirement(available: boolean, reasonWhenMissing: string): Requirement {
  return { available, options: available ? {} : { skip: true, meta: { skipReason: reasonWhenMissing } } };
}

/** Tests that need external programs (shellcheck, pre-commit, kubectl, helm) skip with a printed reason without them. */
export function requirePrograms(...programs: string[]): Requirement {
  const missing = programs.filter((program) => !hasProgram(program));
  return requirement(missing.length === 0, `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not on PATH`);
}

export const requireProgram = (program: string): Requirement => requirePrograms(program);
