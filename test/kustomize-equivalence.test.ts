import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts, type TextFile } from '../src/index.js';
import { requireProgram } from './helpers/programs.js';

/**
 * A kustomize overlay whose sources are whole objects (no patches): linting the output of
 * `kubectl kustomize` must give the same cross-object findings as linting the source files, so
 * that a user may lint either.
 */
const root = join(import.meta.dirname, '..', 'fixtures', 'kustomize-equivalence');
const rules = [
  'hpa-metric-without-request',
  'hpa-target-missing',
  'networkpolicy-peer-unknown',
  'service-selects-no-pods',
  'networkpolicy-selects-no-pods',
];
// Across separate source files only `scope: run` sees the objects that one build stream holds.
const options = { 'hpa-target-missing': { scope: 'run' } };

function sourceFiles(dir: string): TextFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      if (entry.name === 'kustomization.yaml') return [];
      return [{ path: relative(root, full), text: readFileSync(full, 'utf8') }];
    });
}

/** Rule id and message of each finding: the messages name the objects involved. */
function findingsOf(files: TextFile[]): string[] {
  const result = lintTexts(files, { rules, options });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId}: ${f.message}`).sort();
}

const kubectl = requireProgram('kubectl');

describe('kustomize build output and its sources', () => {
  it('give the same cross-object findings', kubectl.options, () => {
    const build = spawnSync('kubectl', ['kustomize', join(root, 'overlay')], { encoding: 'utf8', timeout: 60_000 });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const fromSources = findingsOf(sourceFiles(root));
    const fromBuild = findingsOf([{ path: 'overlay/kustomize-build.yaml', text: build.stdout }]);
    expect(fromBuild).toEqual(fromSources);
    // The case holds a finding of every rule compared, so that agreement is not two empty lists.
    // (networkpolicy-selects-no-pods: its policy selects the base's pods, silent both ways.)
    expect(new Set(fromSources.map((f) => f.split(':')[0]))).toEqual(new Set(rules.filter((r) => r !== 'networkpolicy-selects-no-pods')));
    expect(fromSources).toHaveLength(4);
  });
});
