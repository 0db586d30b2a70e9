import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/index.js';
import { readMarkers } from '../fixture-markers.js';

/**
 * Kyverno ValidatingPolicies written afresh after the examples of Kyverno's documentation
 * (fixtures/policies/kyverno/), with the verdict Kyverno gives each object: deny, warn, report (a
 * failure that only reaches a policy report: Audit, or admission disabled), allow.
 */
type Verdict = 'deny' | 'warn' | 'report' | 'allow';

const VERDICTS: Record<string, Record<string, Verdict>> = {
  'require-labels.yaml': {
    'Pod/tools/scratch': 'deny',
    'Pod/tools/labelled': 'allow',
    'Deployment/shop/web': 'deny',
    'Deployment/shop/api': 'allow',
    'CronJob/shop/nightly': 'deny',
    'Service/shop/web': 'allow',
  },
  'host-namespaces.yaml': {
    'Pod/ops/debug': 'warn',
    'Deployment/ops/node-agent': 'warn',
    'DaemonSet/ops/log-shipper': 'allow',
    'Pod/ops/isolated': 'allow',
  },
  'privileged.yaml': {
    'StatefulSet/data/db': 'deny',
    'Job/platform/node-setup': 'report',
    'Deployment/shop/web': 'allow',
  },
  'offline-limits.yaml': {
    'Pod/ops/tool': 'allow',
    'Deployment/shop/web': 'allow',
  },
};

const RULES = ['admission-policy-denied', 'admission-policy-unsupported', 'admission-policy-invalid'];
const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'policies', 'kyverno');

function lint(name: string) {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8');
  const result = lintTexts([{ path, text }], { rules: RULES });
  expect(result.errors).toEqual([]);
  return { text, findings: result.findings };
}

function row(findings: ReturnType<typeof lint>['findings'], object: string): string[] {
  return findings.filter((f) => f.object === object).map((f) => `${f.span.line}:${f.span.column} ${f.ruleId} ${f.severity} ${f.message}`);
}

describe('Kyverno ValidatingPolicy examples', () => {
  for (const [file, verdicts] of Object.entries(VERDICTS)) {
    it(`${file}: Kyverno's verdicts`, () => {
      const { findings } = lint(file);
      const actual: Record<string, Verdict> = {};
      for (const id of Object.keys(verdicts)) {
        const denials = findings.filter((f) => f.ruleId === 'admission-policy-denied' && f.object === id);
        actual[id] = denials.some((f) => f.severity === 'error')
          ? 'deny'
          : denials.some((f) => f.severity === 'warning')
            ? 'warn'
            : denials.length > 0
              ? 'report'
              : 'allow';
      }
      expect(actual).toEqual(verdicts);
    });

    it(`${file}: findings at the marked lines, nothing else`, () => {
      const { text, findings } = lint(file);
      const expected = readMarkers(text)
        .expectations.map((e) => `${e.ruleId}@${e.line}`)
        .sort();
      expect(findings.map((f) => `${f.ruleId}@${f.span.line}`).sort(), findings.map((f) => f.message).join('\n')).toEqual(expected);
    });
  }
});

describe('positions, severities and messages', () => {
  it('a Pod is denied at the field the validation reads; controllers through autogen at their pod template', () => {
    const { findings } = lint('require-labels.yaml');
    expect(row(findings, 'Pod/tools/scratch')).toEqual([
      "22:1 admission-policy-denied error Kyverno ValidatingPolicy 'require-environment-label' denies this request: pods need an environment label (reason: Invalid)",
    ]);
    expect(row(findings, 'Deployment/shop/web')).toEqual([
      "54:5 admission-policy-denied error Kyverno ValidatingPolicy 'require-environment-label' (autogen for pod controllers) denies this request: pods need an environment label (reason: Invalid)",
    ]);
    expect(row(findings, 'CronJob/shop/nightly')).toEqual([
      "89:9 admission-policy-denied error Kyverno ValidatingPolicy 'require-environment-label' (autogen for pod controllers) denies this request: pods need an environment label (reason: Invalid)",
    ]);
  });

  it('Warn is a warning; autogen keeps object.metadata.name naming the controller', () => {
    const { findings } = lint('host-namespaces.yaml');
    expect(row(findings, 'Pod/ops/debug')).toEqual([
      "33:1 admission-policy-denied warning Kyverno ValidatingPolicy 'disallow-host-namespaces' warns: pod debug must not share the host namespaces (reason: Invalid)",
    ]);
    expect(row(findings, 'Deployment/ops/node-agent')).toEqual([
      "51:5 admission-policy-denied warning Kyverno ValidatingPolicy 'disallow-host-namespaces' (autogen for pod controllers) warns: pod node-agent must not share the host namespaces (reason: Invalid)",
    ]);
  });

  it('a PolicyException exempts the Job from one policy; a policy with admission disabled reports as info', () => {
    const { findings } = lint('privileged.yaml');
    expect(row(findings, 'StatefulSet/data/db')).toEqual([
      "71:5 admission-policy-denied error Kyverno ValidatingPolicy 'disallow-privileged' (autogen for pod controllers) denies this request: privileged containers are not allowed (reason: Forbidden)",
      "71:5 admission-policy-denied info Kyverno ValidatingPolicy 'require-non-root' (autogen for pod controllers) records a failure in the policy report of its background scan (admission is disabled): pods must set securityContext.runAsNonRoot (reason: Invalid)",
    ]);
    expect(row(findings, 'Job/platform/node-setup')).toEqual([
      "91:5 admission-policy-denied info Kyverno ValidatingPolicy 'require-non-root' (autogen for pod controllers) records a failure in the policy report of its background scan (admission is disabled): pods must set securityContext.runAsNonRoot (reason: Invalid)",
    ]);
  });

  it('resource.Get, an unknown library function and JSON mode are unsupported (info), never a denial; a syntax error is invalid', () => {
    const { findings } = lint('offline-limits.yaml');
    expect(findings.filter((f) => f.ruleId === 'admission-policy-denied')).toEqual([]);
    expect(findings.map((f) => `${f.span.line}:${f.span.column} ${f.ruleId} ${f.severity} ${f.message}`)).toEqual([
      "17:7 admission-policy-unsupported info Kyverno ValidatingPolicy 'allowed-registry-from-configmap': variables.settings calls Kyverno's `resource.Get`, which reads the cluster; not evaluated for Pod/ops/tool and 1 other object(s)",
      "36:7 admission-policy-unsupported info Kyverno ValidatingPolicy 'images-by-digest': this validation calls `image()`, a function k8slint's CEL runtime does not have (Kyverno's CEL libraries add many); not evaluated for Deployment/shop/web",
      "45:5 admission-policy-unsupported info Kyverno ValidatingPolicy 'terraform-plan-check': evaluation.mode JSON validates other payloads than Kubernetes objects (the Kyverno CLI or authz server feeds them); not applied to the run's manifests",
      "64:47 admission-policy-invalid error Kyverno ValidatingPolicy 'broken': spec.validations[0].expression does not compile: Unexpected token: EOF (Kyverno denies (failurePolicy Fail) every request the policy matches)",
    ]);
  });
});
