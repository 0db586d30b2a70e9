import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { objectIndex, simpleSelector, type PodTemplate } from '../_lib/object-index.js';

/** Kinds whose `spec.replicas` (default 1) is the pod count a budget is compared with. */
const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

export default defineRule({
  meta: {
    id: 'pdb-blocks-eviction',
    title: 'PodDisruptionBudget that allows no voluntary eviction',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['pdb-max-unavailable', 'pdb-min-available', 'pdbDisruptionsIsZero'],
    rationale:
      'A budget with `maxUnavailable: 0`, `minAvailable: 100%`, or `minAvailable` at least the replica count of the workload it selects never allows an eviction: `kubectl drain`, node upgrades and the cluster autoscaler hang on its pods until someone deletes the budget by hand.',
    remediation:
      'Allow at least one pod to go: `maxUnavailable: 1`, or `minAvailable` below the replica count (run more replicas if one must always stay up). Workloads scaled by an HPA are compared with nothing (their count varies) and are only reported for `maxUnavailable: 0` and `minAvailable: 100%`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels: {app: web}\n',
        good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const autoscaled = new Set(
        index.ofKind('HorizontalPodAutoscaler').flatMap((hpa) => {
          const ref = hpa.object.node.at('spec', 'scaleTargetRef');
          const kind = ref?.get('kind')?.value;
          const name = ref?.get('name')?.value;
          return typeof kind === 'string' && typeof name === 'string'
            ? index
                .resolve(hpa, kind, name)
                .filter((t) => index.related(hpa, t))
                .map((t) => t.object)
            : [];
        }),
      );
      for (const pdb of index.ofKind('PodDisruptionBudget')) {
        if (!pdb.object.apiVersion.startsWith('policy/')) continue;
        const spec = pdb.object.node.get('spec');
        const name = pdb.object.name ?? '';
        const maxUnavailable = spec?.get('maxUnavailable');
        const minAvailable = spec?.get('minAvailable');
        if (maxUnavailable && (maxUnavailable.value === 0 || maxUnavailable.value === '0%' || maxUnavailable.value === '0')) {
          ctx.report({
            at: maxUnavailable,
            message: `PodDisruptionBudget "${name}" has maxUnavailable 0: no pod it selects can ever be evicted, so node drains hang; allow at least 1`,
          });
          continue;
        }
        if (!minAvailable) continue;
        if (minAvailable.value === '100%') {
          ctx.report({
            at: minAvailable,
            message: `PodDisruptionBudget "${name}" has minAvailable 100%: no pod it selects can ever be evicted, so node drains hang; use maxUnavailable: 1`,
          });
          continue;
        }
        const min = minAvailable.value;
        const selector = simpleSelector(spec?.get('selector')?.value);
        if (typeof min !== 'number' || !selector || Object.keys(selector).length === 0) continue;
        const selected = index.templatesMatching(selector).filter((t) => index.sameNamespace(pdb, t) && index.related(pdb, t));
        reportIfBlocking(selected, min, minAvailable, name, autoscaled, (at, message) => ctx.report({ at, message }));
      }
    },
  },
});

/** minAvailable at least the replicas of the one replicated workload it selects. */
function reportIfBlocking(
  selected: PodTemplate[],
  min: number,
  at: KNode,
  name: string,
  autoscaled: Set<unknown>,
  report: (at: KNode, message: string) => void,
): void {
  const owners = [...new Set(selected.map((t) => t.object))];
  const only = owners[0];
  // Pods of several workloads (or of a DaemonSet, Job, bare Pod) add up in ways not modelled here.
  if (owners.length !== 1 || !only || !REPLICATED.has(only.kind) || autoscaled.has(only) || only.partial) return;
  const replicasValue = only.node.at('spec', 'replicas')?.value;
  const replicas = replicasValue === undefined ? 1 : replicasValue;
  if (typeof replicas !== 'number' || min < replicas) return;
  report(
    at,
    `PodDisruptionBudget "${name}" keeps minAvailable ${min} of the ${replicas} replica${replicas === 1 ? '' : 's'} of ${only.kind} "${only.name ?? ''}": no pod can be evicted, so node drains hang; lower minAvailable or add replicas`,
  );
}
