import { defineRule } from '../../src/engine/rule.js';
import { isSharedResource } from '../_lib/accelerators.js';
import { parseQuantity } from '../_lib/quantity.js';

export default defineRule({
  meta: {
    id: 'gpu-shared-count-gt-one',
    title: 'More than one replica of a time-sliced or MPS-shared GPU requested',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-A05'],
    rationale: 'A `.shared` resource (`nvidia.com/gpu.shared`, `nvidia.com/mig-1g.5gb.shared`) is one replica of a GPU the device plugin time-slices or shares through MPS. NVIDIA\'s README says that asking for more than one replica does not buy proportionally more compute, and with `failRequestsGreaterThanOne: true` (the setting it recommends) the kubelet rejects the pod ("maximum request size for shared resources is 1").',
    remediation: 'Request 1 replica. For more compute, request whole GPUs (`nvidia.com/gpu`) or a larger MIG profile.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: infer\nspec:\n  containers:\n    - name: infer\n      image: vllm/vllm-openai:v0.6.3\n      resources:\n        limits:\n          nvidia.com/gpu.shared: 4\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: infer\nspec:\n  containers:\n    - name: infer\n      image: vllm/vllm-openai:v0.6.3\n      resources:\n        limits:\n          nvidia.com/gpu.shared: 1\n',
      },
    ],
    references: ['https://github.com/NVIDIA/k8s-device-plugin#shared-access-to-gpus'],
    options: {
      schema: { type: 'object', properties: { sharedResources: { type: 'array', items: { type: 'string' }, description: 'Resource names of shared GPUs that do not end in `.shared` (plugins configured with renameByDefault: false and a custom name).' } }, additionalProperties: false },
      defaults: { sharedResources: [] },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const configured = Array.isArray(ctx.options.sharedResources) ? ctx.options.sharedResources : [];
      for (const section of ['limits', 'requests'] as const) {
        for (const [name, node] of container.node.at('resources', section)?.entries() ?? []) {
          if (!isSharedResource(name) && !configured.includes(name)) continue;
          const amount = parseQuantity(node.value);
          if (amount === undefined || amount <= 1) continue;
          // A request equal to its limit is the same ask: report the limit only.
          if (section === 'requests' && container.node.at('resources', 'limits', name)) continue;
          ctx.report({ at: node, message: `container "${container.name}" asks for ${String(node.value)} ${name}: shared replicas give access to one GPU, not more compute, and plugins set to failRequestsGreaterThanOne reject the pod; request 1` });
        }
      }
    },
  },
});
