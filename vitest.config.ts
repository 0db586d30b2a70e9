import { defineConfig } from 'vitest/config';
import { SkipReasonsReporter } from './test/helpers/skip-reasons-reporter.js';

export default defineConfig({
  test: {
    // Integration tests spawn programs (npm, the SARIF multitool, the built CLI); on a loaded 2-core machine a spawn can take seconds.
    testTimeout: 30_000,
    include: ['test/**/*.test.ts'],
    reporters: ['default', new SkipReasonsReporter()],
    // Worker threads start faster than forked processes, and without isolation the rule registry and
    // schemas load once per worker instead of once per test file: on the unit, fixture and format tests
    // this took CPU time from 50 s to 30 s. No test may leave global state behind (restore process.env).
    // One worker more than the two cores of CI: much of the time goes to waiting for child processes
    // (npm pack and install, the SARIF multitool).
    pool: 'threads',
    isolate: false,
    maxWorkers: 3,
  },
});
