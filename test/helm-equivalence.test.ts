import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../src/index.js';
import { requireProgram } from './helpers/programs.js';

/**
 * A Helm chart whose templates are whole objects: linting its sources (default options) must give
 * the same cross-object findings as linting what `helm template` renders, committed as
 * fixtures/helm-equivalence/rendered.yaml (one stream with `# Source:` comments). The chart's
 * `templates/` folder is judged as the one stream helm makes of it (src/app/projects.ts).
 */
const root = join(import.meta.dirname, '..', 'fixtures', 'helm-equivalence');
const rules = [
  'service-selects-no-pods',
  'service-target-port-missing',
  'hpa-target-missing',
  'pdb-selects-no-pods',
  'networkpolicy-selects-no-pods',
  'service-account-missing',
  'config-ref-missing',
];

/** Rule id and message of each finding: the messages name the objects involved. */
function findingsOf(paths: string[]): string[] {
  const result = lintFiles(paths, { rules, cwd: root });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId}: ${f.message}`).sort();
}

describe('helm template output and the chart sources', () => {
  it('give the same cross-object findings', () => {
    // A walk skips chart templates (Go templates as a rule); named files are linted, as pre-commit names them.
    const templates = readdirSync(join(root, 'shop', 'templates')).map((name) => join('shop', 'templates', name));
    const fromSources = findingsOf(templates);
    const fromRendered = findingsOf(['rendered.yaml']);
    expect(fromSources).toEqual(fromRendered);
    // Agreement on something: a near miss, a port, a plain miss across template files, an empty PDB.
    expect(new Set(fromSources.map((f) => f.split(':')[0]))).toEqual(
      new Set(['service-selects-no-pods', 'service-target-port-missing', 'hpa-target-missing', 'pdb-selects-no-pods']),
    );
    expect(fromSources).toHaveLength(4);
  });

  const helm = requireProgram('helm');
  it('renders as committed', helm.options, () => {
    const run = spawnSync('helm', ['template', 'shop', join(root, 'shop')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(readFileSync(join(root, 'rendered.yaml'), 'utf8').trim());
  });
});
