import type { KNode } from '../../../src/model/k8s.js';
import type { Policy } from './policies.js';
import type { Enforcer } from './review-context.js';

/** `ValidatingAdmissionPolicy 'name'`, `Kyverno ValidatingPolicy 'name'`. */
export function policyLabel(policy: Policy): string {
  return `${policy.engine === 'kyverno' ? 'Kyverno ' : ''}${policy.object.kind} '${policy.name}'`;
}

export function failureConsequence(policy: Policy): string {
  const engine = policy.engine === 'kyverno' ? 'Kyverno' : 'the API server';
  return policy.failurePolicy === 'Fail' ? `${engine} denies (failurePolicy Fail)` : `${engine} lets through (failurePolicy Ignore)`;
}

/** What a failing expression leads to: the failurePolicy at admission, an error result in a background scan's report. */
export function failureOutcome(policy: Policy, enforcer: Enforcer): string {
  if (enforcer.backgroundOnly) return 'records an error in the policy report of its background scan';
  return policy.failurePolicy === 'Fail' ? 'denies the request (failurePolicy Fail)' : 'ignores the failure (failurePolicy Ignore)';
}

export function describePath(node: KNode): string {
  return node.path
    .slice(1)
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join('')
    .replace(/^/, 'spec.');
}
