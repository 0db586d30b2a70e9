import type { K8sObject } from '../../../src/model/k8s.js';
import { PolicyEvaluation } from './evaluate.js';
import { describeException, type KyvernoException } from './kyverno.js';
import type { Candidate } from './match.js';
import type { Policy } from './policies.js';
import type { ReviewContext } from './review-context.js';
import { policyLabel } from './wording.js';

/**
 * Whether a PolicyException of the run exempts the object: all its matchConditions hold. A condition
 * the run cannot evaluate, and a fine-grained exception (values handed to the policy's CEL), leave
 * the object unevaluated, with a note, rather than risk a denial the cluster would not make.
 */
export function exempted(
  ctx: ReviewContext,
  policy: Policy,
  exceptions: KyvernoException[],
  object: K8sObject,
  candidate: Candidate,
): boolean {
  if (exceptions.length === 0) return false;
  const { activation, namespaceUnknown } = ctx.activationFor(object, candidate);
  for (const exception of exceptions) {
    const evaluation = new PolicyEvaluation({ variables: [] }, { ...activation, params: null }, namespaceUnknown);
    let holds = true;
    for (const condition of exception.conditions) {
      const outcome = evaluation.evaluate(condition);
      if ('value' in outcome && outcome.value === true) continue;
      holds = false;
      if ('value' in outcome && outcome.value === false) break;
      if ('error' in outcome && outcome.uncompiled) break;
      const problem =
        'unsupported' in outcome
          ? outcome.unsupported
          : 'error' in outcome
            ? `failed: ${outcome.error}`
            : `gave ${JSON.stringify(outcome.value)} instead of true or false`;
      ctx.unsupported.add(
        `exception:${exception.object.id}:${condition.node.path.join('.')}`,
        condition.node,
        object,
        (objects) =>
          `${describeException(exception)}: this matchCondition ${problem}; ${policyLabel(policy)} is not evaluated for ${objects}`,
      );
      return true;
    }
    if (!holds) continue;
    if (exception.fineGrained) {
      ctx.unsupported.add(
        `fine-grained:${exception.object.id}`,
        exception.fineGrained,
        object,
        (objects) =>
          `${describeException(exception)} hands ${exception.fineGrained?.path.at(-1) ?? ''} to ${policyLabel(policy)} (\`exceptions.…\` in its CEL), which k8slint does not apply; not evaluated for ${objects}`,
      );
    }
    return true;
  }
  return false;
}
