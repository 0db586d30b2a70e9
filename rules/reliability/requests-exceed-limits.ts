import { defineRule } from '../../src/engine/rule.js';
import { parseQuantity } from '../_lib/quantity.js';
import { isNonOvercommittable } from '../_lib/resources.js';

export default defineRule({
  meta: {
    id: 'requests-exceed-limits',
    title: 'Resource request greater than its limit',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A request above its limit is invalid: the API server rejects the pod ("must be less than or equal to … limit"). For a Deployment or other controller the apply itself may pass while the controller fails to create any pod, so the mistake shows only as a rollout that never starts.',
    remediation:
      'Raise the limit or lower the request so that `requests.<resource>` ≤ `limits.<resource>`. Quantities are compared by value (`1Gi` is 1024Mi, `0.5` cpu is `500m`); templated or malformed quantities are not judged, nor are GPUs and other extended resources (gpu-requests-match-limits requires their request to equal the limit).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {memory: 1Gi}\n        limits: {memory: 512Mi}\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {memory: 512Mi}\n        limits: {memory: 1Gi}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const requests = container.node.at('resources', 'requests');
      const limits = container.node.at('resources', 'limits');
      if (!requests || !limits) return;
      for (const [name, request] of requests.entries()) {
        const limit = limits.get(name);
        // GPUs and other extended resources: gpu-requests-match-limits requires them equal.
        if (!limit || isNonOvercommittable(name)) continue;
        const wanted = parseQuantity(request.value);
        const allowed = parseQuantity(limit.value);
        if (wanted === undefined || allowed === undefined || wanted <= allowed) continue;
        ctx.report({
          at: request,
          message: `container "${container.name}" requests ${String(request.value)} ${name}, more than its limit of ${String(limit.value)}; the API server rejects the pod`,
        });
      }
    },
  },
});
