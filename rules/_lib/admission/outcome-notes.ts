import type { K8sObject } from '../../../src/model/k8s.js';
import type { Outcome } from './evaluate.js';
import type { PolicyExpression } from './expressions.js';
import type { Policy } from './policies.js';
import type { Enforcer, ReviewContext } from './review-context.js';
import { failureOutcome, policyLabel } from './wording.js';

/** A matchCondition or validation that gave no true or false for the object: why, noted once per expression. */
export function noteOutcome(
  ctx: ReviewContext,
  policy: Policy,
  enforcer: Enforcer,
  object: K8sObject,
  expression: PolicyExpression,
  outcome: Outcome,
  what: string,
): void {
  const at = expression.node;
  const where = `${at.file.source.path}:${at.path.join('.')}`;
  if ('unsupported' in outcome) {
    // A variable that calls what the run lacks is reported once, at the variable, for every expression reading it.
    const { variable } = outcome;
    const source = variable ? variable.expression.node : at;
    ctx.unsupported.add(
      `uses:${policy.object.id}:${source.file.source.path}:${source.path.join('.')}`,
      source,
      object,
      (objects) =>
        `${policyLabel(policy)}: ${variable ? `variables.${variable.name}` : `this ${what}`} ${outcome.unsupported}; not evaluated for ${objects}`,
    );
    return;
  }
  if ('error' in outcome && outcome.uncompiled) return; // a compile error of the policy, reported as such
  const problem =
    'error' in outcome
      ? outcome.budget
        ? `was stopped by the CEL cost budget (${outcome.error})`
        : `failed: ${outcome.error}`
      : `gave ${JSON.stringify(outcome.value)} instead of true or false`;
  ctx.unsupported.add(
    `failed:${enforcer.key}:${where}`,
    at,
    object,
    (objects) =>
      `${enforcer.label}: this ${what} ${problem} on ${objects}; if it fails ${policy.engine === 'kyverno' ? 'in Kyverno' : 'on the API server'} too (which sees the object with its defaults), it ${failureOutcome(policy, enforcer)}`,
  );
}
