import { scalarText } from '../../../src/util/text.js';
import { isMapping, type K8sObject, type Mapping } from '../../../src/model/k8s.js';
import { selectorMatches } from '../workload.js';
import type { Candidate } from './match.js';
import type { Binding, Policy } from './policies.js';
import { groupOf } from './request.js';
import { resourceOf } from './resources.js';
import type { ReviewContext } from './review-context.js';
import { failureConsequence } from './wording.js';

/** The param objects a binding selects for an object; undefined (with a note) when the run cannot tell. */
export function paramsFor(
  ctx: ReviewContext,
  policy: Policy,
  binding: Binding,
  object: K8sObject,
  candidate: Candidate,
): Array<K8sObject | undefined> | undefined {
  const paramKind = policy.paramKind;
  const ref = binding.paramRef;
  if (!paramKind || !ref) return [undefined];
  const refValue: Mapping = ref.value;
  const paramApiVersion = ctx.objects.find((o) => o.kind === paramKind.kind)?.apiVersion ?? `${paramKind.group}/v1`;
  const paramNamespaced = resourceOf({ apiVersion: paramApiVersion, kind: paramKind.kind }, ctx.crds).namespaced;
  const refNamespace = typeof refValue.namespace === 'string' && refValue.namespace !== '' ? refValue.namespace : undefined;
  const namespace = refNamespace ?? (paramNamespaced && candidate.resource.namespaced ? ctx.namespaceOf(object) : undefined);
  if (paramNamespaced && namespace === undefined && !candidate.resource.namespaced) {
    ctx.unsupported.add(
      `params-scope:${binding.object.id}`,
      ref,
      object,
      (objects) =>
        `binding '${binding.name}' takes namespaced params without paramRef.namespace, so for cluster-scoped ${objects} the API server finds none and ${failureConsequence(policy)} the request`,
    );
    return undefined;
  }
  const selector = isMapping(refValue.selector) ? refValue.selector : undefined;
  const found = ctx.objects.filter(
    (o) =>
      o.kind === paramKind.kind &&
      groupOf(o.apiVersion) === paramKind.group &&
      !o.partial &&
      (namespace === undefined || o.namespace === undefined || o.namespace === namespace) &&
      (selector ? selectorMatches(selector, o.labels) : o.name === refValue.name),
  );
  if (found.length > 0) return found;
  const action = refValue.parameterNotFoundAction === 'Allow' ? 'Allow' : 'Deny';
  const wanted = selector ? `no ${paramKind.kind} matching paramRef.selector` : `no ${paramKind.kind} '${scalarText(refValue.name ?? '')}'`;
  ctx.unsupported.add(
    `params:${binding.object.id}:${namespace ?? ''}`,
    ref,
    object,
    (objects) =>
      `binding '${binding.name}': ${wanted}${namespace ? ` in namespace ${namespace}` : ''} is in the run, so ValidatingAdmissionPolicy '${policy.name}' is not evaluated for ${objects} (on a cluster without it, parameterNotFoundAction ${action} ${action === 'Allow' ? 'allows the request' : `means ${failureConsequence(policy)} it`})`,
  );
  return undefined;
}
