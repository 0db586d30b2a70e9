import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMarkers } from '../fixture-markers.js';
import { lintProjectWith, lintWith, loadRepoRules } from './custom-helpers.js';

const repo = join(import.meta.dirname, '..', '..', 'fixtures', 'policies', 'team-repo');

/** Every violation of the fixture repo, at the offending field (or the deepest node that exists when the field is missing). */
const EXPECTED = [
  'deploy/bad-gpu-jobs.yaml:6:3 gpu-jobs-kueue-queue',
  'deploy/bad-gpu-jobs.yaml:21:1 gpu-jobs-kueue-queue',
  'deploy/bad-gpu-jobs.yaml:45:32 gpu-jobs-kueue-queue',
  'deploy/bad-labels.yaml:6:3 team-labels',
  'deploy/bad-labels.yaml:20:1 team-labels',
  'deploy/bad-labels.yaml:20:1 team-labels',
  'deploy/bad-labels.yaml:40:18 team-labels',
  'deploy/bad-loadbalancer.yaml:7:9 no-loadbalancer-outside-ingress',
  'deploy/bad-loadbalancer.yaml:17:14 no-loadbalancer-outside-ingress',
  'deploy/bad-registries.yaml:14:18 allowed-registries',
  'deploy/bad-registries.yaml:19:18 allowed-registries',
  'deploy/bad-registries.yaml:21:18 allowed-registries',
  'deploy/bad-registries.yaml:23:18 allowed-registries',
  'deploy/bad-registries.yaml:39:22 allowed-registries',
  'images/bad.Dockerfile:3:6 approved-base-images',
  'images/bad.Dockerfile:11:6 approved-base-images',
  'images/bad.Dockerfile:13:29 approved-base-images',
];

describe('the team-repo fixture: five team rules in CEL', () => {
  const load = loadRepoRules(repo);
  const { files, findings } = lintProjectWith(load.rules, repo);

  it('loads the five rules (four files, one inline in .k8slint.yaml) without errors', () => {
    expect(load.errors.map((e) => e.message)).toEqual([]);
    expect(load.rules.map((r) => r.meta.id).sort()).toEqual([
      'allowed-registries',
      'approved-base-images',
      'gpu-jobs-kueue-queue',
      'no-loadbalancer-outside-ingress',
      'team-labels',
    ]);
  });

  it('reports each violation at the exact line and column of the offending field', () => {
    const actual = findings.map((f) => `${f.file}:${f.span.line}:${f.span.column} ${f.ruleId}`);
    expect(actual.sort()).toEqual([...EXPECTED].sort());
  });

  it('agrees with the inline `# expect:` markers of the fixtures, and is silent on the compliant files', () => {
    expect(files.map((f) => f.displayPath)).toContain('kustomize/base/gateway.yaml');
    for (const file of files) {
      const expected = readMarkers(file.text)
        .expectations.map((e) => `${e.line} ${e.ruleId}`)
        .sort();
      const actual = findings
        .filter((f) => f.file === file.displayPath)
        .map((f) => `${f.span.line} ${f.ruleId}`)
        .sort();
      expect(actual, file.displayPath).toEqual(expected);
      if (/(^|\/)good|^images\/Dockerfile$|^kustomize\//.test(file.displayPath)) expect(actual, file.displayPath).toEqual([]);
    }
  });

  it('judges a kustomize base as the overlay builds it (labels, namespace and image of the build)', () => {
    const base = files.find((f) => f.displayPath === 'kustomize/base/gateway.yaml')!;
    expect(findings.filter((f) => f.file === base.displayPath)).toEqual([]);
    // The same file outside the kustomization breaks four rules' validations.
    const alone = lintWith(load.rules, [{ path: 'gateway.yaml', text: base.text }]).map((f) => `${f.span.line} ${f.ruleId}`);
    expect(alone.sort()).toEqual(['14 allowed-registries', '21 no-loadbalancer-outside-ingress', '5 team-labels', '5 team-labels']);
  });

  it('words its findings from messageExpression, with the rule severity', () => {
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => `${f.severity}: ${f.message}`);
    expect(byRule('allowed-registries')).toContain(
      'error: image localhost:5000/report:1 of container report comes from localhost:5000, not an approved registry (registry.acme.example, registry.acme.example:5000, ghcr.io/acme, docker.io/library)',
    );
    expect(byRule('team-labels')).toContain('warning: cost-center label "marketing" is not a cost centre (cc- and 4 to 6 digits)');
    expect(byRule('no-loadbalancer-outside-ingress')).toContain(
      'error: Service debug is of type LoadBalancer in namespace default: only the ingress namespace may expose load balancers',
    );
    expect(byRule('approved-base-images')[0]).toMatch(/^error: base image ubuntu:22.04 is not approved/);
  });

  it("keeps each rule's bad example reported and its good example silent", () => {
    for (const rule of load.rules) {
      expect(rule.meta.examples.length, rule.meta.id).toBeGreaterThan(0);
      for (const example of rule.meta.examples) {
        const path = example.file ?? (example.lang === 'dockerfile' ? 'Dockerfile' : 'example.yaml');
        const bad = lintWith([rule], [{ path, text: example.bad }]);
        const good = lintWith([rule], [{ path, text: example.good }]);
        expect(
          bad.map((f) => f.ruleId),
          `${rule.meta.id} bad`,
        ).toContain(rule.meta.id);
        expect(good, `${rule.meta.id} good`).toEqual([]);
      }
    }
  });
});
