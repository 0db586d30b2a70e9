import type { Severity } from '../../../src/types.js';
import type { K8sObject, KNode } from '../../../src/model/k8s.js';
import type { PolicyEvaluation } from './evaluate.js';
import { objectPaths } from './expressions.js';
import { noteOutcome } from './outcome-notes.js';
import type { Policy, PolicyValidation, ValidationAction } from './policies.js';
import type { Enforcer, ReviewContext } from './review-context.js';

const SEVERITY_OF: Record<ValidationAction, Severity> = { Deny: 'error', Warn: 'warning', Audit: 'info' };

/** One validation for one request: a denial when it is false, a note when it gives neither true nor false. */
export function validate(
  ctx: ReviewContext,
  policy: Policy,
  enforcer: Enforcer,
  object: K8sObject,
  validation: PolicyValidation,
  evaluation: PolicyEvaluation,
  param: K8sObject | undefined,
): void {
  const outcome = evaluation.evaluate(validation.expression);
  if ('value' in outcome && outcome.value === true) return;
  if (!('value' in outcome) || outcome.value !== false) {
    noteOutcome(ctx, policy, enforcer, object, validation.expression, outcome, 'validation');
    return;
  }
  const message = messageOf(validation, evaluation);
  const { actions } = enforcer;
  const action: ValidationAction = actions.includes('Deny') ? 'Deny' : actions.includes('Warn') ? 'Warn' : 'Audit';
  const via = `${enforcer.label}${param ? ` and params ${param.id}` : ''}`;
  const audit = policy.engine === 'kyverno' ? 'records a failure in its policy report' : 'records in the audit log';
  const verb = enforcer.backgroundOnly
    ? `records a failure in the policy report of its background scan (${enforcer.backgroundOnly})`
    : action === 'Deny'
      ? 'denies this request'
      : action === 'Warn'
        ? 'warns'
        : audit;
  ctx.denials.push({
    at: pointAt(object, policy, validation),
    message: `${via} ${verb}: ${message} (reason: ${validation.reason})`,
    severity: enforcer.backgroundOnly ? 'info' : SEVERITY_OF[action],
  });
}

/** The API server's message: a non-blank one-line `messageExpression` result, else `message`, else the failed expression. */
function messageOf(validation: PolicyValidation, evaluation: PolicyEvaluation): string {
  if (validation.messageExpression) {
    const outcome = evaluation.evaluate(validation.messageExpression);
    if ('value' in outcome && typeof outcome.value === 'string' && outcome.value.trim() !== '' && !/[\r\n]/.test(outcome.value))
      return outcome.value;
  }
  if (validation.message !== undefined && validation.message.trim() !== '') return validation.message;
  return `failed expression: ${validation.expression.source.trim().replace(/\s+/g, ' ')}`;
}

/** The field the failed validation reads (`object.spec.replicas`), as deep as the object has it; else the object's name. */
function pointAt(object: K8sObject, policy: Policy, validation: PolicyValidation): KNode {
  const sources = [validation.expression.source];
  const pending = [...validation.expression.uses.variables];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const variable = policy.variables.find((v) => v.name === name);
    if (!variable) continue;
    sources.push(variable.expression.source);
    pending.push(...variable.expression.uses.variables);
  }
  const paths = sources.flatMap((s) => objectPaths(s));
  let common = paths[0] ?? [];
  for (const path of paths.slice(1)) {
    let i = 0;
    while (i < common.length && i < path.length && common[i] === path[i]) i++;
    common = common.slice(0, i);
  }
  // Reads of unrelated fields (a guard on labels, the containers): the one the object has deepest.
  let node = common.length > 0 ? object.node.nearest(common) : object.node;
  if (common.length === 0)
    for (const path of paths) {
      const candidate = object.node.nearest(path);
      if (candidate.path.length > node.path.length) node = candidate;
    }
  if (node.path.length > object.node.path.length) return node;
  return object.node.get('metadata')?.get('name') ?? object.node;
}
