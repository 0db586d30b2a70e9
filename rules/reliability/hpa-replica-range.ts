import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'hpa-replica-range',
    title: 'HorizontalPodAutoscaler with minReplicas above or equal to maxReplicas',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['hpaMaxAvailability'],
    rationale: 'With `minReplicas` equal to `maxReplicas` the autoscaler never scales: it only adds a controller that fixes the count. With `minReplicas` above `maxReplicas` the API server rejects the object (an error).',
    remediation: 'Give the HPA a range to work in (`minReplicas` below `maxReplicas`; `minReplicas` defaults to 1), or remove the HPA and set `replicas` on the workload.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 3\n  maxReplicas: 3\n',
        good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 3\n  maxReplicas: 10\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'HorizontalPodAutoscaler' || !object.apiVersion.startsWith('autoscaling/')) return;
      const spec = object.node.get('spec');
      const max = spec?.get('maxReplicas');
      const min = spec?.get('minReplicas');
      if (!max || typeof max.value !== 'number') return;
      const minValue = min === undefined ? 1 : min.value;
      if (typeof minValue !== 'number') return;
      const name = object.name ?? '';
      if (minValue > max.value) ctx.report({ at: min ?? max, severity: 'error', message: `HorizontalPodAutoscaler "${name}" has minReplicas ${minValue} above maxReplicas ${max.value}: the API server rejects it` });
      else if (minValue === max.value) ctx.report({ at: max, message: `HorizontalPodAutoscaler "${name}" has minReplicas equal to maxReplicas (${max.value}): it can never scale; widen the range or drop the HPA` });
    },
  },
});
