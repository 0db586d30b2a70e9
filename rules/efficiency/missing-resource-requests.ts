import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';

export default defineRule({
  meta: {
    id: 'missing-resource-requests',
    title: 'Container without CPU or memory requests',
    severity: 'warning',
    category: 'efficiency',
    status: 'stable',
    since: '0.1.0',
    aliases: ['unset-cpu-requirements', 'CKV_K8S_10', 'CKV_K8S_12', 'KSV015', 'KSV016', 'cpuRequestsMissing', 'memoryRequestsMissing'],
    rationale: 'The scheduler places pods by their requests. A container without requests counts as needing nothing: nodes get overpacked, the pod is first to be evicted (BestEffort QoS) and autoscalers have nothing to go by.',
    remediation: 'Set `resources.requests.cpu` and `resources.requests.memory`. A resource with a limit and no request is not reported: Kubernetes then uses the limit as the request. Kustomize patches (files named or filed as patches, or using `$patch:`) are not judged: they hold only the fields they change.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      // Ephemeral containers cannot have resources; a kustomize patch holds only what it changes.
      if (container.type === 'ephemeral' || container.workload.object.partial) return;
      const resources = isMapping(container.node.value.resources) ? container.node.value.resources : {};
      const requests = isMapping(resources.requests) ? resources.requests : {};
      const limits = isMapping(resources.limits) ? resources.limits : {};
      const missing = ['cpu', 'memory'].filter((r) => isUnset(requests[r]) && isUnset(limits[r]));
      if (missing.length === 0) return;
      ctx.reportMissing(container.node, ['resources', 'requests'], `container "${container.name}" has no ${missing.join(' or ')} request`);
    },
  },
});

function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
