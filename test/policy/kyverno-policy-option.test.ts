import { describe, expect, it } from 'vitest';
import { k8slint, type JsonFinding } from '../helpers/cli.js';

describe('--policy with Kyverno ValidatingPolicies', () => {
  it('applies them to the linted files (autogen included) and keeps only their policy findings', () => {
    const run = k8slint([
      '--policy',
      'fixtures/policies/kyverno/require-labels.yaml',
      '--policy',
      'fixtures/policies/kyverno/offline-limits.yaml',
      'fixtures/policies/vap/policy-option/app',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    expect(
      report.findings
        .filter((f) => f.ruleId.startsWith('admission-policy') || f.file.includes('kyverno/'))
        .map((f) => `${f.file.replace(/^fixtures\/policies\//, '')}:${f.line}:${f.column} ${f.ruleId} ${f.severity}`),
    ).toEqual([
      'kyverno/offline-limits.yaml:17:7 admission-policy-unsupported info',
      'kyverno/offline-limits.yaml:36:7 admission-policy-unsupported info',
      'kyverno/offline-limits.yaml:45:5 admission-policy-unsupported info',
      'kyverno/offline-limits.yaml:64:47 admission-policy-invalid error',
      'vap/policy-option/app/deployment.yaml:11:5 admission-policy-denied error',
    ]);
    expect(run.stdout).toContain(
      "Kyverno ValidatingPolicy 'require-environment-label' (autogen for pod controllers) denies this request: pods need an environment label (reason: Invalid)",
    );
    expect(run.stdout).toContain('not evaluated for Deployment/shop/web');
  });
});
