import { defineRule } from '../../src/engine/rule.js';
import { isUnsetQuantity, judgedForResources, limitRangeDefaultsFor, resourceOf } from '../_lib/resources.js';

export default defineRule({
  meta: {
    id: 'missing-ephemeral-storage',
    title: 'Container without an ephemeral-storage request or limit',
    severity: 'warning',
    category: 'efficiency',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['container-ephemeral-storage-request-and-limit'],
    rationale:
      "Logs, caches and files written outside volumes use the node's disk. A container without an ephemeral-storage limit can fill it, and the kubelet then evicts pods under disk pressure, not necessarily the one that filled it; without a request the scheduler does not account for the space at all. Opt-in: many clusters do not size disk per pod.",
    remediation:
      'Set `resources.requests.ephemeral-storage` and `resources.limits.ephemeral-storage` (a limit alone also sets the request), or let a LimitRange of the namespace among the linted files default them. Ephemeral containers and kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits: {memory: 256Mi}\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {ephemeral-storage: 1Gi}\n        limits: {memory: 256Mi, ephemeral-storage: 2Gi}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const defaultsFor = limitRangeDefaultsFor(objects);
      const name = 'ephemeral-storage';
      for (const workload of workloads) {
        const defaults = defaultsFor(workload);
        for (const container of workload.containers) {
          if (!judgedForResources(container)) continue;
          const hasLimit = defaults.limits.has(name) || !isUnsetQuantity(resourceOf(container, 'limits', name));
          const hasRequest = hasLimit || defaults.requests.has(name) || !isUnsetQuantity(resourceOf(container, 'requests', name));
          if (hasLimit && hasRequest) continue;
          const missing = hasRequest ? 'limit' : 'request or limit';
          ctx.reportMissing(
            container.node,
            ['resources', 'limits', name],
            `container "${container.name}" has no ephemeral-storage ${missing}`,
          );
        }
      }
    },
  },
});
