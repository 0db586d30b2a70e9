import { defineRule } from '../../src/engine/rule.js';
import { isUnsetQuantity, judgedForResources, limitRangeDefaultsFor, resourceOf } from '../_lib/resources.js';

export default defineRule({
  meta: {
    id: 'missing-resource-requests',
    title: 'Container without CPU or memory requests',
    severity: 'warning',
    category: 'efficiency',
    status: 'stable',
    since: '0.1.0',
    aliases: ['unset-cpu-requirements', 'CKV_K8S_10', 'CKV_K8S_12', 'KSV015', 'KSV016', 'cpuRequestsMissing', 'memoryRequestsMissing'],
    rationale:
      'The scheduler places pods by their requests. A container without requests counts as needing nothing: nodes get overpacked, the pod is first to be evicted (BestEffort QoS) and autoscalers have nothing to go by.',
    remediation:
      "Set `resources.requests.cpu` and `resources.requests.memory`. A resource with a limit and no request is not reported: Kubernetes then uses the limit as the request; nor is one that a LimitRange of the same namespace among the linted files defaults. The `resources` option chooses which requests are required (kube-linter's `unset-cpu-requirements` judges only cpu). Kustomize patches (files named or filed as patches, or using `$patch:`) are not judged: they hold only the fields they change.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits'],
    options: {
      schema: {
        type: 'object',
        properties: {
          resources: {
            type: 'array',
            items: { enum: ['cpu', 'memory', 'ephemeral-storage'] },
            description: 'Resources every container must request.',
          },
        },
        additionalProperties: false,
      },
      defaults: { resources: ['cpu', 'memory'] },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const defaultsFor = limitRangeDefaultsFor(objects);
      const resources = (ctx.options.resources as string[] | undefined) ?? ['cpu', 'memory'];
      for (const workload of workloads) {
        const defaults = defaultsFor(workload);
        for (const container of workload.containers) {
          // Ephemeral containers cannot have resources; a kustomize patch holds only what it changes.
          if (!judgedForResources(container)) continue;
          const missing = resources.filter(
            (r) =>
              !defaults.requests.has(r) &&
              isUnsetQuantity(resourceOf(container, 'requests', r)) &&
              isUnsetQuantity(resourceOf(container, 'limits', r)),
          );
          if (missing.length === 0) continue;
          ctx.reportMissing(
            container.node,
            ['resources', 'requests'],
            `container "${container.name}" has no ${missing.join(' or ')} request`,
          );
        }
      }
    },
  },
});
