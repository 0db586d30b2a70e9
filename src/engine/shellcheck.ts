import { programAvailable } from './programs.js';

/**
 * TRANSITIONAL: src/cli/run.ts still checks for ShellCheck by name. Once rule selection reads
 * `Rule.requires` (and calls `programAvailable`), this file goes; the runner lives in the rule
 * (rules/dockerfile/shellcheck.ts).
 */
export function shellcheckAvailable(binary = 'shellcheck'): boolean {
  return programAvailable(binary);
}
