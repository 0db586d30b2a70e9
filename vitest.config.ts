import { defineConfig } from 'vitest/config';
import { SkipReasonsReporter } from './test/helpers/skip-reasons-reporter.js';

export default defineConfig({
  test: {
    // CLI and integration tests spawn the built binary; on a loaded 2-core CI machine a spawn can take seconds.
    testTimeout: 30_000,
    include: ['test/**/*.test.ts'],
    // A test without a single assertion proves nothing.
    expect: { requireAssertions: true },
    reporters: ['default', new SkipReasonsReporter()],
  },
});
