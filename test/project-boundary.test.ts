import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, lintTexts } from '../src/index.js';

/**
 * Cross-object rules judge an object against its own project (src/app/projects.ts): two
 * repositories linted in one run (a corpus, a monorepo of vendored charts) must not satisfy each
 * other's selectors. In fixtures/projects/two-repositories, kserve's metrics Service still selects
 * the old `kfserving-controller-manager` label, which only an unnamespaced pod template of the
 * kfserving repository carries.
 */
const root = join(import.meta.dirname, '..', 'fixtures', 'projects', 'two-repositories');
const rules = ['service-selects-no-pods'];

function yamlUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? yamlUnder(full) : name.endsWith('.yaml') ? [full] : [];
  });
}

describe('project boundary', () => {
  it('keeps pod templates of another repository from satisfying a selector', () => {
    const result = lintFiles([root], { rules, cwd: root });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.file}:${f.span.line} ${f.ruleId}`)).toEqual([
      'kserve/install/kserve.yaml:9 service-selects-no-pods',
    ]);
    expect(result.findings[0]?.message).toContain('its file defines Deployment "kserve-controller-manager"');
  });

  it('is what changes the outcome: without projects the other repository satisfies it', () => {
    const files = yamlUnder(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
    expect(lintTexts(files, { rules }).findings).toEqual([]);
  });

  it('lets `scope: run` look across projects', () => {
    const result = lintFiles([root], { rules, cwd: root, options: { 'service-selects-no-pods': { scope: 'run' } } });
    expect(result.findings).toEqual([]);
  });
});
