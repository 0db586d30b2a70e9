import { defineRule } from '../../src/engine/rule.js';
import { objectIndex } from '../_lib/object-index.js';
import { autoscaledWorkloads, REPLICATED_KINDS, replicasOf } from '../_lib/replicas.js';

export default defineRule({
  meta: {
    id: 'no-pod-anti-affinity',
    title: 'Multi-replica workload may put all replicas on one node',
    severity: 'info',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: [
      'no-anti-affinity',
      'deployment-has-host-podantiaffinity',
      'statefulset-has-host-podantiaffinity',
      'topologySpreadConstraint',
    ],
    rationale:
      'The scheduler spreads replicas only loosely by default; nothing stops it from placing every replica on one node, which then takes them all down when it fails or is drained. Pod anti-affinity or a topology spread constraint makes the spread explicit. Clusters with a scheduler-wide default spread do not need it, hence opt-in.',
    remediation:
      'Add `topologySpreadConstraints` (`topologyKey: kubernetes.io/hostname`, `maxSkew: 1`, a `labelSelector` of the pod labels) or a preferred `podAntiAffinity` on the hostname topology.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels: {app: web}\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const autoscaled = autoscaledWorkloads(index);
      for (const template of index.templates) {
        const { object, workload } = template;
        if (!REPLICATED_KINDS.has(object.kind) || object.partial) continue;
        const replicas = autoscaled.get(object) ?? replicasOf(object);
        if (replicas === undefined || replicas < 2) continue;
        const spec = workload.podSpec;
        if (spec.at('affinity', 'podAntiAffinity') || (spec.get('topologySpreadConstraints')?.items().length ?? 0) > 0) continue;
        ctx.reportMissing(
          spec,
          ['affinity', 'podAntiAffinity'],
          `${object.kind} "${object.name ?? ''}" runs ${replicas} replicas with no pod anti-affinity or topology spread constraint: they may all land on one node; spread them by kubernetes.io/hostname`,
        );
      }
    },
  },
});
