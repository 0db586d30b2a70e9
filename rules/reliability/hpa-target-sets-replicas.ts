import { defineRule } from '../../src/engine/rule.js';
import { objectIndex } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'hpa-target-sets-replicas',
    title: 'Workload scaled by an HPA also fixes `replicas`',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'],
    rationale:
      'When a HorizontalPodAutoscaler scales a workload, `spec.replicas` belongs to the autoscaler. A manifest that also sets it resets the count on every `kubectl apply` or sync: a Deployment scaled to 12 under load drops back to 2 in the middle of a deploy, until the HPA scales it up again.',
    remediation:
      'Remove `spec.replicas` from the workload (with Helm: render it only when autoscaling is off) and set the range on the HPA (`minReplicas`, `maxReplicas`).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
        if (!hpa.object.apiVersion.startsWith('autoscaling/')) continue;
        const ref = hpa.object.node.at('spec', 'scaleTargetRef');
        const kind = ref?.get('kind')?.value;
        const name = ref?.get('name')?.value;
        if (typeof kind !== 'string' || typeof name !== 'string') continue;
        // A same-named workload of another project (a sibling folder) is not this HPA's target.
        for (const target of index.resolve(hpa, kind, name).filter((t) => index.related(hpa, t))) {
          const replicas = target.object.node.at('spec', 'replicas');
          if (!replicas || replicas.value === null) continue;
          ctx.report({
            at: replicas,
            message: `${kind} "${name}" sets replicas, which HorizontalPodAutoscaler "${hpa.object.name ?? ''}" owns: every apply resets the autoscaled count; remove replicas`,
          });
        }
      }
    },
  },
});
