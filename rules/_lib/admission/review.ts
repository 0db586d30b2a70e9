import type { K8sObject } from '../../../src/model/k8s.js';
import { reviewBoundPolicies } from './bindings.js';
import { isKyvernoPolicy } from './kyverno.js';
import { reviewKyvernoPolicies } from './kyverno-review.js';
import type { PolicyNote } from './notes.js';
import { BINDING_KIND, isPolicyObject, POLICY_KIND } from './policies.js';
import { ReviewContext, type Denial } from './review-context.js';

export type { Denial } from './review-context.js';
export type { PolicyNote } from './notes.js';

export interface AdmissionReview {
  denials: Denial[];
  unsupported: PolicyNote[];
  invalid: PolicyNote[];
}

const reviews = new WeakMap<readonly K8sObject[], Map<string, AdmissionReview>>();

/**
 * The run's ValidatingAdmissionPolicies applied, through their bindings, to the run's objects, each
 * object taken as the CREATE request `kubectl apply` would send for it. Computed once per run and
 * default namespace; the admission rules each report their part.
 */
export function admissionReview(objects: readonly K8sObject[], defaultNamespace: string | undefined): AdmissionReview {
  let byNamespace = reviews.get(objects);
  if (!byNamespace) reviews.set(objects, (byNamespace = new Map<string, AdmissionReview>()));
  const key = defaultNamespace ?? '';
  let review = byNamespace.get(key);
  if (!review) byNamespace.set(key, (review = reviewRun(objects, defaultNamespace)));
  return review;
}

function reviewRun(objects: readonly K8sObject[], defaultNamespace: string | undefined): AdmissionReview {
  const policyObjects = objects.filter((o) => isPolicyObject(o, POLICY_KIND));
  const bindingObjects = objects.filter((o) => isPolicyObject(o, BINDING_KIND));
  const kyvernoObjects = objects.filter((o) => isKyvernoPolicy(o));
  if (policyObjects.length === 0 && bindingObjects.length === 0 && kyvernoObjects.length === 0)
    return { denials: [], unsupported: [], invalid: [] };
  const ctx = new ReviewContext(objects, defaultNamespace);
  reviewBoundPolicies(ctx, policyObjects, bindingObjects);
  reviewKyvernoPolicies(ctx, kyvernoObjects);
  return { denials: ctx.denials, unsupported: ctx.unsupported.list(), invalid: ctx.invalid.list() };
}
