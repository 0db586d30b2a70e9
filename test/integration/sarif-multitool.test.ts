import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/format/sarif.js';
import { ROOT } from '../helpers/build.js';
import { k8slint } from '../helpers/cli.js';
import { sarifMultitool, validateSarif } from '../helpers/sarif-validator.js';
import { makeFinding, sampleReport, span } from '../format/fixtures.js';

/**
 * Every kind of SARIF k8slint writes, checked by Microsoft's validator with the GitHub ingestion rules.
 * One multitool run for all of them: each start of it costs seconds.
 */
describe('SARIF multitool', () => {
  it(
    'finds no error and no warning in a sample report, Helm output on stdin (unnamed and named), the examples and findings with fixes',
    { ...sarifMultitool.options, timeout: 240_000 },
    () => {
      const sample = sampleReport();
      sample.findings.push(makeFinding('internal-error', 'Dockerfile', span(2, 1, 2, 2), 'rule x failed'));
      // Findings with fixes (SARIF `fixes` with replacements), Dockerfiles and YAML alike.
      const fixes = k8slint(['--format', 'sarif', '--preset', 'strict', 'fixtures/fixes']).stdout;
      expect(fixes).toContain('"artifactChanges"');
      const helm = readFileSync(join(ROOT, 'fixtures/cli/helm-output.yaml'), 'utf8');
      const logs = [
        formatSarif(sample, { color: false }),
        k8slint(['--format', 'sarif', '-'], { stdin: helm }).stdout,
        k8slint(['--format', 'sarif', '--stdin-filename', 'rendered/web.yaml', '-'], { stdin: helm }).stdout,
        k8slint(['--format', 'sarif', 'examples']).stdout,
        fixes,
      ];
      const { status, output } = validateSarif(...logs);
      expect(output).toMatch(/: 0 errors, 0 warnings, [1-9]\d* notes/);
      expect(status, output).toBe(0);
    },
  );
});
