import { scalarPart } from '../../../src/model/yaml-scalar.js';
import { describeException, type KyvernoException } from './kyverno.js';
import type { PolicyExpression } from './expressions.js';
import type { Policy } from './policies.js';
import type { ReviewContext } from './review-context.js';
import { describePath, failureConsequence, policyLabel } from './wording.js';

/** Compile errors, and the parts no offline run evaluates (audit annotations). */
export function checkPolicy(ctx: ReviewContext, policy: Policy): void {
  noteCompileErrors(
    ctx,
    policy.object.id,
    policy.expressions,
    () => policyLabel(policy),
    () => `${failureConsequence(policy)} every request the policy matches`,
  );
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
  noteCompileErrors(
    ctx,
    exception.object.id,
    exception.conditions,
    () => describeException(exception),
    () => 'the exception exempts nothing',
  );
}

/** Each expression that does not compile, at the character where compiling stopped. */
function noteCompileErrors(
  ctx: ReviewContext,
  ownerId: string,
  expressions: readonly PolicyExpression[],
  owner: () => string,
  consequence: () => string,
): void {
  for (const expression of expressions) {
    const { error } = expression;
    if (!error) continue;
    ctx.invalid.add(
      `compile:${ownerId}:${expression.node.path.join('.')}`,
      scalarPart(expression.node, error.offset),
      undefined,
      () => `${owner()}: ${describePath(expression.node)} does not compile: ${error.message} (${consequence()})`,
      'error',
    );
  }
}
