import { scalarPart } from '../../../src/model/yaml-scalar.js';
import { describeException, type KyvernoException } from './kyverno.js';
import type { Policy } from './policies.js';
import type { ReviewContext } from './review-context.js';
import { describePath, failureConsequence, policyLabel } from './wording.js';

/** Compile errors, and the parts no offline run evaluates (audit annotations). */
export function checkPolicy(ctx: ReviewContext, policy: Policy): void {
  for (const expression of policy.expressions) {
    const { error } = expression;
    if (!error) continue;
    ctx.invalid.add(
      `compile:${policy.object.id}:${expression.node.path.join('.')}`,
      scalarPart(expression.node, error.offset),
      undefined,
      () =>
        `${policyLabel(policy)}: ${describePath(expression.node)} does not compile: ${error.message} (${failureConsequence(policy)} every request the policy matches)`,
      'error',
    );
  }
  const audit = policy.spec.get('auditAnnotations');
  if (audit && audit.items().length > 0)
    ctx.unsupported.add(
      `audit:${policy.object.id}`,
      audit,
      undefined,
      () =>
        `${policyLabel(policy)}: auditAnnotations ${policy.engine === 'kyverno' ? "annotate Kyverno's policy reports" : "go to the cluster's audit log"} and are not evaluated offline`,
    );
}

/** Compile errors of a PolicyException's matchConditions. */
export function checkException(ctx: ReviewContext, exception: KyvernoException): void {
  for (const condition of exception.conditions) {
    const { error } = condition;
    if (!error) continue;
    ctx.invalid.add(
      `compile:${exception.object.id}:${condition.node.path.join('.')}`,
      scalarPart(condition.node, error.offset),
      undefined,
      () =>
        `${describeException(exception)}: ${describePath(condition.node)} does not compile: ${error.message} (the exception exempts nothing)`,
      'error',
    );
  }
}
