import type { Reporter, TestModule, Vitest } from 'vitest/node';
import type {} from './programs.js';

/**
 * Prints, once per run, why tests were skipped for want of an external program
 * ("skipping 4 tests: shellcheck is not on PATH"), from the meta that test/helpers/programs.ts sets.
 */
export class SkipReasonsReporter implements Reporter {
  private log: (text: string) => void = (text) => process.stdout.write(`${text}\n`);

  onInit(vitest: Vitest): void {
    this.log = (text) => vitest.logger.log(text);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    for (const line of skipReasons(testModules)) this.log(line);
  }
}

export function skipReasons(testModules: ReadonlyArray<TestModule>): string[] {
  const counts = new Map<string, number>();
  for (const module of testModules) {
    for (const test of module.children.allTests('skipped')) {
      const reason = test.meta().skipReason;
      if (reason === undefined) continue;
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([reason, n]) => `skipping ${n} test${n === 1 ? '' : 's'}: ${reason}`);
}
