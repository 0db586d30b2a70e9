import type { K8sObject } from '../../src/model/k8s.js';
import type { ObjectIndex } from './object-index.js';

/** Kinds whose pods are counted by `spec.replicas` (default 1). */
export const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/** `spec.replicas` of a replicated workload: 1 when unset, undefined when not a number (a template placeholder). */
export function replicasOf(object: K8sObject): number | undefined {
  const value = object.node.at('spec', 'replicas')?.value;
  if (value === undefined || value === null) return 1;
  return typeof value === 'number' ? value : undefined;
}

/** Workloads that an HPA of the run (in a related folder) scales, with the HPA's minReplicas. */
export function autoscaledWorkloads(index: ObjectIndex): Map<K8sObject, number> {
  const out = new Map<K8sObject, number>();
  for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
    const ref = hpa.object.node.at('spec', 'scaleTargetRef');
    const kind = ref?.get('kind')?.value;
    const name = ref?.get('name')?.value;
    if (typeof kind !== 'string' || typeof name !== 'string') continue;
    const min = hpa.object.node.at('spec', 'minReplicas')?.value;
    for (const target of index.resolve(hpa, kind, name).filter((t) => index.related(hpa, t))) out.set(target.object, typeof min === 'number' ? min : 1);
  }
  return out;
}
