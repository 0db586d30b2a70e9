import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts, registry } from '../src/index.js';
import { hasProgram } from './helpers/programs.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'rules', 'unknown-instruction-flag', 'good-buildkit-syntax.Dockerfile');

describe('new BuildKit syntax is linted, never refused', () => {
  // The shellcheck rule runs the external program, so it is left out where ShellCheck is not installed.
  const allIds = registry.all.map((r) => r.meta.id).filter((id) => id !== 'shellcheck' || hasProgram('shellcheck'));

  it('lints RUN --mount/--network/--security, COPY --link/--parents/--exclude, ADD --checksum/--keep-git-dir with every rule on', () => {
    const result = lintTexts([{ path: 'Dockerfile', text: readFileSync(fixture, 'utf8') }], { rules: allIds });
    expect(result.errors).toEqual([]);
    const bad = result.findings.filter(
      (f) => f.ruleId === 'internal-error' || f.ruleId === 'unknown-instruction-flag' || f.ruleId === 'unknown-instruction',
    );
    expect(bad.map((f) => `${f.span.line} ${f.ruleId} ${f.message}`)).toEqual([]);
  });

  it('an unknown flag or instruction is a finding, and the rest of the file is still linted', () => {
    const text = 'FROM alpine:3.20\nRUN --frobnicate=yes echo hi\nCOPPY a /a\nMAINTAINER me\n';
    const result = lintTexts([{ path: 'Dockerfile', text }], { rules: allIds });
    expect(result.errors).toEqual([]);
    const ids = result.findings.map((f) => `${f.span.line} ${f.ruleId}`);
    expect(ids).toContain('2 unknown-instruction-flag');
    expect(ids).toContain('3 unknown-instruction');
    expect(ids).toContain('4 maintainer-deprecated');
    expect(result.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
  });
});
