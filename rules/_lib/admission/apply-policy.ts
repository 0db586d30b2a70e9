import type { K8sObject } from '../../../src/model/k8s.js';
import type { PolicyExpression } from './expressions.js';
import { PolicyEvaluation, type Outcome } from './evaluate.js';
import type { Candidate, MatchResult } from './match.js';
import { noteOutcome } from './outcome-notes.js';
import { paramsFor } from './params.js';
import type { Policy } from './policies.js';
import type { Enforcer, ReviewContext } from './review-context.js';
import { validate } from './validate.js';
import { policyLabel } from './wording.js';

/** How an object that a policy matches is enforced: by `enforcer`, another one, or none (not evaluated). */
export type Route = (object: K8sObject, candidate: Candidate) => Enforcer | undefined;

/**
 * A policy applied to every object of the run that all of `match`'s results match (the policy's
 * matchConstraints, the binding's matchResources), enforced as `route` says (by default `enforcer`; none: not evaluated).
 */
export function applyPolicy(
  ctx: ReviewContext,
  policy: Policy,
  enforcer: Enforcer,
  match: (candidate: Candidate) => MatchResult[],
  route: Route = () => enforcer,
): void {
  for (const object of ctx.objects) {
    const candidate = ctx.candidate(object);
    if (!candidate) continue;
    const results = match(candidate);
    if (results.every((m) => m.matched)) {
      const routed = route(object, candidate);
      if (routed) evaluateFor(ctx, policy, routed, object, candidate);
      continue;
    }
    noteUnmatched(ctx, policy, enforcer, object, results);
  }
}

/** Why a policy the object does not match for sure (a match the run cannot decide, another operation) skips it. */
function noteUnmatched(ctx: ReviewContext, policy: Policy, enforcer: Enforcer, object: K8sObject, results: MatchResult[]): void {
  if (results.some((m) => !m.matched && !m.undecided && !m.onlyOperations)) return;
  const undecided = results.find((m) => m.undecided)?.undecided;
  if (undecided) {
    ctx.unsupported.add(
      `undecided:${enforcer.key}:${undecided.at.path.join('.')}:${undecided.at.file.source.path}`,
      undecided.at,
      object,
      (objects) => `${enforcer.label} is not evaluated for ${objects}: ${undecided.reason}`,
    );
    return;
  }
  const operations = results.find((m) => m.onlyOperations)?.onlyOperations;
  if (operations)
    ctx.unsupported.add(
      `operations:${policy.object.id}:${operations.path.join('.')}:${operations.file.source.path}`,
      operations,
      object,
      (objects) =>
        `${policyLabel(policy)} matches ${objects} only for UPDATE, DELETE or CONNECT requests; an offline object is a CREATE, so it is not evaluated`,
    );
}

function evaluateFor(ctx: ReviewContext, policy: Policy, enforcer: Enforcer, object: K8sObject, candidate: Candidate): void {
  const params = enforcer.binding ? paramsFor(ctx, policy, enforcer.binding, object, candidate) : [undefined];
  if (!params) return;
  const { activation, namespaceUnknown } = ctx.activationFor(object, candidate);
  for (const param of params) {
    const evaluation = new PolicyEvaluation(policy, { ...activation, params: param ? param.node.value : null }, namespaceUnknown);
    if (!conditionsHold(ctx, policy, enforcer, object, evaluation)) continue;
    for (const validation of policy.validations) validate(ctx, policy, enforcer, object, validation, evaluation, param);
  }
}

/** `matchConditions`: all true → validate; one false → skip; an error (none false) → failurePolicy. */
function conditionsHold(ctx: ReviewContext, policy: Policy, enforcer: Enforcer, object: K8sObject, evaluation: PolicyEvaluation): boolean {
  let failed: { expression: PolicyExpression; outcome: Outcome } | undefined;
  for (const condition of policy.matchConditions) {
    const outcome = evaluation.evaluate(condition.expression);
    if ('value' in outcome && outcome.value === false) return false;
    if ('value' in outcome && outcome.value === true) continue;
    failed ??= { expression: condition.expression, outcome };
  }
  if (!failed) return true;
  noteOutcome(ctx, policy, enforcer, object, failed.expression, failed.outcome, `matchCondition`);
  return false;
}
