import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtK8slint } from '../helpers/cli.js';
import { ROOT } from '../helpers/build.js';

const TEAM_REPO = join(ROOT, 'fixtures/policies/team-repo');

/** The team repository as its users run it: the built binary, its own config, `test-rules` in CI. */
describe('the team-policy fixture repository through the command line', { timeout: 120_000 }, () => {
  const copy = mkdtempSync(join(tmpdir(), 'k8slint-team-repo-'));
  cpSync(TEAM_REPO, copy, { recursive: true });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('reports every custom rule and passes `test-rules` over its marked fixtures', () => {
    const lint = builtK8slint(['.', '--format', 'json'], { cwd: copy });
    expect(lint.code).toBe(1);
    const ids = new Set((JSON.parse(lint.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId));
    for (const id of [
      'allowed-registries',
      'team-labels',
      'gpu-jobs-kueue-queue',
      'no-loadbalancer-outside-ingress',
      'approved-base-images',
    ])
      expect(ids, id).toContain(id);
    const tested = builtK8slint(['test-rules', '.'], { cwd: copy });
    expect(tested.stdout + tested.stderr).toMatch(/all passed \(5 plugin and custom rules, 5 examples, \d+ fixture files/);
    expect(tested.code).toBe(0);
  });

  it('fails `test-rules` when a fixture expects a finding the rule does not give', () => {
    const file = join(copy, 'deploy/bad-loadbalancer.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('type: LoadBalancer  # expect:', 'type: ClusterIP  # expect:'));
    const tested = builtK8slint(['test-rules', '.'], { cwd: copy });
    expect(tested.code).toBe(1);
    expect(tested.stdout + tested.stderr).toMatch(/FAIL deploy\/bad-loadbalancer\.yaml:7/);
  });
});
