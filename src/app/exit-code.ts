import type { Finding, InputError } from '../types.js';
import { SEVERITY_ORDER } from '../types.js';
import type { FailOn } from './defaults.js';

/**
 * 2 when an input could not be read or parsed or when the run linted nothing (`nothingLinted`: never a
 * silent pass), 1 when a finding is at or above `failOn`, else 0.
 */
export function exitCode(findings: readonly Finding[], errors: readonly InputError[], failOn: FailOn, nothingLinted = false): number {
  if (errors.length > 0 || nothingLinted) return 2;
  if (failOn === 'none') return 0;
  return findings.some((f) => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[failOn]) ? 1 : 0;
}
