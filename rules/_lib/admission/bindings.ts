import type { K8sObject } from '../../../src/model/k8s.js';
import { applyPolicy } from './apply-policy.js';
import { matchResources } from './match.js';
import { readBinding, readPolicy, type Binding, type Policy } from './policies.js';
import { checkPolicy } from './policy-checks.js';
import type { ReviewContext } from './review-context.js';
import { failureConsequence, policyLabel } from './wording.js';

/** The run's ValidatingAdmissionPolicies, each applied through the bindings of the run that bind it. */
export function reviewBoundPolicies(ctx: ReviewContext, policyObjects: readonly K8sObject[], bindingObjects: readonly K8sObject[]): void {
  const policies = new Map<string, Policy>();
  for (const object of policyObjects) {
    const policy = readPolicy(object);
    if (!policy) continue;
    policies.set(policy.name, policy);
    checkPolicy(ctx, policy);
  }
  const bound = new Set<string>();
  for (const object of bindingObjects) {
    const binding = readBinding(object);
    if (!binding) continue;
    const policy = binding.policyName === undefined ? undefined : policies.get(binding.policyName);
    if (!policy) {
      noteMissingPolicy(ctx, binding);
      continue;
    }
    bound.add(policy.name);
    applyBinding(ctx, policy, binding);
  }
  for (const policy of policies.values())
    if (!bound.has(policy.name))
      ctx.unsupported.add(
        `unbound:${policy.object.id}`,
        policy.object.node.get('metadata')?.get('name') ?? policy.object.node,
        undefined,
        () => `ValidatingAdmissionPolicy '${policy.name}' is bound by no ValidatingAdmissionPolicyBinding of the run: not evaluated`,
      );
}

function noteMissingPolicy(ctx: ReviewContext, binding: Binding): void {
  const at = binding.spec.get('policyName') ?? binding.spec;
  ctx.invalid.add(
    `missing:${binding.object.id}`,
    at,
    undefined,
    () =>
      `ValidatingAdmissionPolicyBinding '${binding.name}' binds ValidatingAdmissionPolicy '${binding.policyName ?? ''}', which is not in the run: nothing is checked unless the cluster has it`,
    'warning',
  );
}

/** The policy applied with the binding's validationActions, to what both its matchConstraints and the binding's matchResources match. */
function applyBinding(ctx: ReviewContext, policy: Policy, binding: Binding): void {
  if (binding.actions.length === 0) {
    ctx.invalid.add(
      `actions:${binding.object.id}`,
      binding.spec.get('validationActions') ?? binding.spec,
      undefined,
      () => `ValidatingAdmissionPolicyBinding '${binding.name}' sets no validationActions (Deny, Warn or Audit): the API server refuses it`,
      'error',
    );
    return;
  }
  if (policy.paramKind && !binding.paramRef) {
    ctx.invalid.add(
      `paramRef:${binding.object.id}`,
      binding.spec,
      undefined,
      () =>
        `ValidatingAdmissionPolicy '${policy.name}' takes params (${policy.paramKind?.kind ?? ''}) but binding '${binding.name}' sets no paramRef: ${failureConsequence(policy)} every request it matches`,
      'error',
    );
    return;
  }
  applyPolicy(
    ctx,
    policy,
    {
      key: binding.object.id,
      label: `${policyLabel(policy)} with binding '${binding.name}'`,
      actions: binding.actions,
      binding,
    },
    (candidate) => [matchResources(policy.matchConstraints, candidate, true), matchResources(binding.matchResources, candidate, false)],
  );
}
