import type { K8sObject } from '../../../src/model/k8s.js';
import { applyPolicy, type Route } from './apply-policy.js';
import { exempted } from './exemptions.js';
import {
  exceptionRefersTo,
  isKyvernoException,
  matchAutogen,
  readKyvernoException,
  readKyvernoPolicy,
  type KyvernoException,
  type KyvernoPolicy,
} from './kyverno.js';
import { matchResources } from './match.js';
import { checkException, checkPolicy } from './policy-checks.js';
import type { Enforcer, ReviewContext } from './review-context.js';
import { policyLabel } from './wording.js';

/**
 * Namespaces a default Kyverno installation keeps out of admission (its webhooks' namespaceSelector and
 * resource filters); its background scans, which skip the resource filters by default, still report them.
 */
const KYVERNO_UNWATCHED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'kyverno']);

/** The run's Kyverno ValidatingPolicies, with the run's PolicyExceptions. */
export function reviewKyvernoPolicies(ctx: ReviewContext, kyvernoObjects: readonly K8sObject[]): void {
  const exceptions = ctx.objects
    .filter((o) => isKyvernoException(o))
    .map((o) => readKyvernoException(o))
    .filter((e) => e !== undefined);
  for (const exception of exceptions) checkException(ctx, exception);
  for (const object of kyvernoObjects) {
    const kyverno = readKyvernoPolicy(object);
    if (!kyverno) continue;
    checkPolicy(ctx, kyverno.policy);
    applyKyverno(
      ctx,
      kyverno,
      exceptions.filter((e) => exceptionRefersTo(e, kyverno.policy)),
    );
  }
}

/**
 * A Kyverno ValidatingPolicy and the policies its autogen generates for pod controllers, applied to
 * the run's objects with the policy's own validationActions, skipping the objects its
 * PolicyExceptions exempt.
 */
function applyKyverno(ctx: ReviewContext, kyverno: KyvernoPolicy, exceptions: KyvernoException[]): void {
  const { policy } = kyverno;
  const label = policyLabel(policy);
  if (!evaluable(ctx, kyverno)) return;
  // Neither at admission nor in background scans: the policy checks nothing.
  if (!kyverno.admission && !kyverno.background) return;
  if (policy.paramKind) {
    ctx.unsupported.add(
      `params:${policy.object.id}`,
      policy.paramKind.node,
      undefined,
      () => `${label} takes params (paramKind ${policy.paramKind?.kind ?? ''}), which Kyverno looks up in the cluster: not evaluated`,
    );
    return;
  }
  const scope = policyNamespace(ctx, kyverno);
  if (scope === false) return;
  const enforcer: Enforcer = {
    key: policy.object.id,
    label,
    actions: kyverno.actions,
    ...(!kyverno.admission && { backgroundOnly: 'admission is disabled' }),
  };
  const route = (base: Enforcer): Route => routeKyverno(ctx, kyverno, exceptions, scope, base);
  applyPolicy(ctx, policy, enforcer, (candidate) => [matchResources(policy.matchConstraints, candidate, true)], route(enforcer));
  for (const generated of kyverno.autogen) {
    const autogen = {
      ...enforcer,
      key: `${enforcer.key}:autogen:${generated.kinds.join(',')}`,
      label: `${label} (autogen for pod controllers)`,
    };
    applyPolicy(ctx, generated.policy, autogen, (candidate) => [matchAutogen(generated, candidate)], route(autogen));
  }
}

/** Whether the policy validates Kubernetes objects (evaluation.mode); else a note. */
function evaluable(ctx: ReviewContext, kyverno: KyvernoPolicy): boolean {
  if (kyverno.mode === 'Kubernetes') return true;
  const { policy } = kyverno;
  ctx.unsupported.add(
    `mode:${policy.object.id}`,
    kyverno.modeNode ?? policy.spec,
    undefined,
    () =>
      `${policyLabel(policy)}: evaluation.mode ${kyverno.mode} validates other payloads than Kubernetes objects (the Kyverno CLI or authz server feeds them); not applied to the run's manifests`,
  );
  return false;
}

/**
 * The namespace a NamespacedValidatingPolicy applies in (undefined for a cluster-wide policy); false,
 * with a note, when it is not known.
 */
function policyNamespace(ctx: ReviewContext, kyverno: KyvernoPolicy): string | undefined | false {
  if (!kyverno.namespaced) return undefined;
  const { policy } = kyverno;
  const namespace = policy.object.namespace ?? ctx.defaultNamespace;
  if (namespace !== undefined) return namespace;
  ctx.unsupported.add(
    `namespace:${policy.object.id}`,
    policy.object.node.get('metadata')?.get('name') ?? policy.object.node,
    undefined,
    () => `${policyLabel(policy)} applies in its own namespace, which is not known (no metadata.namespace, no --namespace): not evaluated`,
  );
  return false;
}

/** Who enforces a Kyverno policy on an object: none outside its namespace or when exempted; background scans only where admission does not look. */
function routeKyverno(
  ctx: ReviewContext,
  kyverno: KyvernoPolicy,
  exceptions: KyvernoException[],
  policyNamespace: string | undefined,
  base: Enforcer,
): Route {
  return (object, candidate) => {
    const namespace = candidate.resource.namespaced ? ctx.namespaceOf(object) : undefined;
    if (policyNamespace !== undefined && (namespace === undefined || namespace !== policyNamespace)) return undefined;
    if (exempted(ctx, kyverno.policy, exceptions, object, candidate)) return undefined;
    if (base.backgroundOnly || namespace === undefined || !KYVERNO_UNWATCHED_NAMESPACES.has(namespace)) return base;
    // Kyverno's default installation leaves these namespaces out of admission; background scans still cover them.
    return kyverno.background
      ? { ...base, backgroundOnly: `Kyverno's default configuration leaves namespace ${namespace} out of admission` }
      : undefined;
  };
}
