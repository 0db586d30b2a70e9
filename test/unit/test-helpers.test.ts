import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { hasProgram, requirePrograms } from '../helpers/programs.js';
import { skipReasons } from '../helpers/skip-reasons-reporter.js';

const MISSING = 'k8slint-test-no-such-program';

describe('requirePrograms', () => {
  it('runs the tests when every program is on PATH', () => {
    expect(hasProgram('node')).toBe(true);
    expect(requirePrograms('node')).toEqual({ available: true, options: {} });
  });

  it('skips them with the reason when one is missing', () => {
    expect(hasProgram(MISSING)).toBe(false);
    expect(requirePrograms('node', MISSING)).toEqual({
      available: false,
      options: { skip: true, meta: { skipReason: `${MISSING} is not on PATH` } },
    });
    expect(requirePrograms(MISSING, `${MISSING}-2`).options.meta?.skipReason).toBe(`${MISSING}, ${MISSING}-2 are not on PATH`);
  });
});

describe('skip reasons reporter', () => {
  const module = (tests: Array<{ skipReason?: string }>) =>
    ({
      children: {
        *allTests(state?: string) {
          expect(state).toBe('skipped');
          for (const meta of tests) yield { meta: () => meta };
        },
      },
    }) as unknown as TestModule;

  it('counts the skipped tests by reason, once for the whole run', () => {
    const modules = [
      module([{ skipReason: 'shellcheck is not on PATH' }, {}, { skipReason: 'kubectl is not on PATH' }]),
      module([{ skipReason: 'shellcheck is not on PATH' }]),
    ];
    expect(skipReasons(modules)).toEqual(['skipping 1 test: kubectl is not on PATH', 'skipping 2 tests: shellcheck is not on PATH']);
    expect(skipReasons([module([{}])])).toEqual([]);
  });
});
