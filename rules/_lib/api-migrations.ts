import type { FixProposal, FixSafety } from '../../src/engine/rule.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { replaceNode } from '../../src/model/edits.js';

/**
 * Deprecated or removed apiVersions that a newer version replaces for the same kind. `safe`: the
 * schema is the same, the object means the same. `unsafe`: the object is valid but a default or a
 * field's meaning changed (policy/v1 reads an empty PDB selector as all pods, apps/v1 has other
 * defaults). Versions whose fields moved (Ingress, CRDs, webhooks, autoscaling/v2beta1) are not here.
 */
const MIGRATIONS: Record<string, { to: string; safety: FixSafety; kinds: readonly string[] }> = {
  'batch/v1beta1': { to: 'batch/v1', safety: 'safe', kinds: ['CronJob'] },
  'autoscaling/v2beta2': { to: 'autoscaling/v2', safety: 'safe', kinds: ['HorizontalPodAutoscaler'] },
  'policy/v1beta1': { to: 'policy/v1', safety: 'unsafe', kinds: ['PodDisruptionBudget'] },
  'rbac.authorization.k8s.io/v1beta1': {
    to: 'rbac.authorization.k8s.io/v1',
    safety: 'safe',
    kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  },
  'rbac.authorization.k8s.io/v1alpha1': {
    to: 'rbac.authorization.k8s.io/v1',
    safety: 'safe',
    kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  },
  'scheduling.k8s.io/v1beta1': { to: 'scheduling.k8s.io/v1', safety: 'safe', kinds: ['PriorityClass'] },
  'scheduling.k8s.io/v1alpha1': { to: 'scheduling.k8s.io/v1', safety: 'safe', kinds: ['PriorityClass'] },
  'networking.k8s.io/v1beta1': { to: 'networking.k8s.io/v1', safety: 'safe', kinds: ['IngressClass'] },
  'storage.k8s.io/v1beta1': {
    to: 'storage.k8s.io/v1',
    safety: 'safe',
    kinds: ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CSIStorageCapacity'],
  },
  'coordination.k8s.io/v1beta1': { to: 'coordination.k8s.io/v1', safety: 'safe', kinds: ['Lease'] },
  'node.k8s.io/v1beta1': { to: 'node.k8s.io/v1', safety: 'safe', kinds: ['RuntimeClass'] },
  'events.k8s.io/v1beta1': { to: 'events.k8s.io/v1', safety: 'safe', kinds: ['Event'] },
  'flowcontrol.apiserver.k8s.io/v1beta3': {
    to: 'flowcontrol.apiserver.k8s.io/v1',
    safety: 'safe',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
  },
  'apps/v1beta1': { to: 'apps/v1', safety: 'unsafe', kinds: ['Deployment', 'StatefulSet'] },
  'apps/v1beta2': { to: 'apps/v1', safety: 'unsafe', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] },
  'extensions/v1beta1': { to: 'apps/v1', safety: 'unsafe', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'] },
};

/** The fix that moves `object` to the apiVersion replacing its own, when that is a plain rename. */
export function apiMigrationFix(object: K8sObject): FixProposal | undefined {
  const migration = MIGRATIONS[object.apiVersion];
  const apiVersion = object.node.get('apiVersion');
  if (!migration || !apiVersion || !migration.kinds.includes(object.kind)) return undefined;
  // apps/v1 requires a selector; without one the move would make the object invalid.
  if (migration.to === 'apps/v1' && object.node.at('spec', 'selector') === undefined) return undefined;
  return {
    safety: migration.safety,
    description: `use apiVersion ${migration.to}`,
    edits: [replaceNode(apiVersion.valueOnly(), migration.to)],
  };
}
