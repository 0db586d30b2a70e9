import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/index.js';
import { readMarkers } from '../fixture-markers.js';

/**
 * The examples of the Kubernetes documentation page "Validating Admission Policy", written afresh
 * as fixtures (fixtures/policies/vap/), and the verdict the documentation gives for each object:
 * deny (validationActions Deny), warn (Warn: admitted with a warning), allow. `not-evaluated`: the
 * API server's verdict depends on the requesting user, which a linter does not have; the policy
 * must then be reported by admission-policy-unsupported, never pass silently.
 */
type Verdict = 'deny' | 'warn' | 'allow' | 'not-evaluated';

const VERDICTS: Record<string, Record<string, Verdict>> = {
  'replica-cap.yaml': {
    'Deployment/sandbox/too-many': 'deny',
    'Deployment/sandbox/at-limit': 'allow',
    'Deployment/sandbox/defaulted': 'allow',
    'Deployment/storefront/big-in-production': 'allow',
    'StatefulSet/sandbox/db': 'allow',
  },
  'warn-audit.yaml': {
    'Deployment/team-a/wide': 'warn',
    'Deployment/team-a/narrow': 'allow',
  },
  'params-crd.yaml': {
    'Deployment/qa/qa-api': 'deny',
    'Deployment/qa/qa-web': 'allow',
    'Deployment/shop/shop-web': 'allow',
    'Deployment/shop/shop-flood': 'deny',
  },
  'params-configmap.yaml': {
    'Deployment/payments/ledger': 'deny',
    'Deployment/payments/invoices': 'allow',
    'Deployment/payments/reports': 'deny',
  },
  'match-conditions.yaml': {
    'Lease/apps/leader': 'allow',
    'ClusterRole/reader': 'allow',
    'ConfigMap/kube-system/system-tuning': 'allow',
    'ConfigMap/apps/settings': 'deny',
    'ConfigMap/apps/owned-settings': 'allow',
    'StorageClass/fast': 'deny',
  },
  'match-conditions-user.yaml': {
    'ConfigMap/apps/demo-settings': 'not-evaluated',
  },
  'variables.yaml': {
    'Deployment/staging/web': 'allow',
    'Deployment/staging/api': 'deny',
    'Deployment/staging/debug': 'allow',
    'Deployment/payments/ledger': 'deny',
    'Deployment/payments/gateway': 'allow',
  },
};

const RULES = ['admission-policy-denied', 'admission-policy-unsupported', 'admission-policy-invalid'];
const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'policies', 'vap');
let matched = 0;
let total = 0;

function lint(name: string) {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8');
  return { text, result: lintTexts([{ path, text }], { rules: RULES }) };
}

describe('the ValidatingAdmissionPolicy examples of the Kubernetes documentation', () => {
  for (const [file, verdicts] of Object.entries(VERDICTS)) {
    it(`${file}: the documented verdicts`, () => {
      const { result } = lint(file);
      expect(result.errors).toEqual([]);
      const actual: Record<string, Verdict> = {};
      for (const id of Object.keys(verdicts)) {
        const denials = result.findings.filter((f) => f.ruleId === 'admission-policy-denied' && f.object === id);
        const notEvaluated = result.findings.some(
          (f) => f.ruleId === 'admission-policy-unsupported' && f.message.includes(`not evaluated for ${id}`),
        );
        actual[id] = denials.some((f) => f.severity === 'error')
          ? 'deny'
          : denials.some((f) => f.severity === 'warning')
            ? 'warn'
            : notEvaluated
              ? 'not-evaluated'
              : 'allow';
        total++;
        if (actual[id] === verdicts[id]) matched++;
      }
      expect(actual).toEqual(verdicts);
    });

    it(`${file}: findings at the marked lines, nothing else`, () => {
      const { text, result } = lint(file);
      const expected = readMarkers(text)
        .expectations.map((e) => `${e.ruleId}@${e.line}`)
        .sort();
      expect(result.findings.map((f) => `${f.ruleId}@${f.span.line}`).sort(), result.findings.map((f) => f.message).join('\n')).toEqual(
        expected,
      );
    });
  }

  afterAll(() => {
    console.log(`ValidatingAdmissionPolicy documentation examples: ${matched} of ${total} verdicts as documented`);
  });
});

describe('messages as the API server words them', () => {
  it('names the policy, the binding, the params and the reason; falls back to the failed expression', () => {
    const { result } = lint('params-crd.yaml');
    expect(result.findings.find((f) => f.object === 'Deployment/qa/qa-api')?.message).toBe(
      "ValidatingAdmissionPolicy 'replica-limit.example.com' with binding 'replica-limit-test.example.com' and params ReplicaLimit/default/limit-test.example.com denies this request: failed expression: object.spec.replicas <= params.maxReplicas (reason: Invalid)",
    );
  });

  it('uses the messageExpression result', () => {
    const { result } = lint('variables.yaml');
    expect(result.findings.find((f) => f.object === 'Deployment/staging/api')?.message).toContain(
      'denies this request: only staging.example.com images may run in namespace staging (reason: Invalid)',
    );
  });

  it('uses message when there is no messageExpression', () => {
    const { result } = lint('match-conditions.yaml');
    expect(result.findings.find((f) => f.object === 'ConfigMap/apps/settings')?.message).toContain(
      'denies this request: every object needs an owner label (reason: Invalid)',
    );
  });
});
