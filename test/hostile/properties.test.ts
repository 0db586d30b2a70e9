import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/index.js';
import type { Finding } from '../../src/types.js';
import { compose, dockerfile, manifest, outsideTheFile } from '../../scripts/fuzz-inputs.mjs';

// Seeded and time-bounded so `npm test` stays fast and reproducible. The long run is
// scripts/fuzz.mjs (same generators, scripts/fuzz-inputs.mjs); K8SLINT_FUZZ_RUNS/K8SLINT_FUZZ_SEED
// run these properties longer.
const SEED = Number(process.env.K8SLINT_FUZZ_SEED ?? 17);
const RUNS = Number(process.env.K8SLINT_FUZZ_RUNS ?? 120);
const TIME_LIMIT_MS = process.env.K8SLINT_FUZZ_RUNS ? 24 * 3600_000 : 8000;
const PARAMS = { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS };
const TEST_TIMEOUT_MS = process.env.K8SLINT_FUZZ_RUNS ? 24 * 3600_000 : 60_000;

function check(files: Array<{ path: string; text: string }>): void {
  const { findings } = lintTexts(files);
  expect(findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
  expect(outsideTheFile(findings, files) as Finding[]).toEqual([]);
}

describe('properties: generated input never crashes the linter', () => {
  it(
    'Kubernetes manifests: no exception, no internal error, every finding inside the file',
    () => {
      fc.assert(
        fc.property(manifest, (file) => check([file])),
        PARAMS,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'Dockerfiles: no exception, no internal error, every finding inside the file',
    () => {
      fc.assert(
        fc.property(dockerfile, (file) => check([file])),
        PARAMS,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'Compose-shaped YAML: no exception, no internal error, every finding inside the file',
    () => {
      fc.assert(
        fc.property(compose, (file) => check([file])),
        { ...PARAMS, numRuns: Math.ceil(RUNS / 4) },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a run of several generated files',
    () => {
      fc.assert(
        fc.property(fc.tuple(manifest, dockerfile, manifest), ([a, b, c]) => check([a, b, { ...c, path: `other-${c.path}` }])),
        { ...PARAMS, numRuns: Math.ceil(RUNS / 4) },
      );
    },
    TEST_TIMEOUT_MS,
  );
});
