import { setFix } from '../_lib/fixes.js';
import type { YamlValue } from '../../src/model/edits.js';
import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';
import { parseQuantity } from '../_lib/quantity.js';
import { isNonOvercommittable } from '../_lib/resources.js';

export default defineRule({
  meta: {
    id: 'gpu-requests-match-limits',
    title: 'GPU or other extended resource requested without an equal whole-number limit',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-A01', 'AI-A02'],
    rationale:
      'GPUs (`nvidia.com/gpu`, `amd.com/gpu`, `gpu.intel.com/i915`, `habana.ai/gaudi`, `aws.amazon.com/neuron`, `google.com/tpu`…) and other extended resources cannot be overcommitted. The API server rejects a pod whose request differs from its limit, that requests one without a limit, or that asks for a fraction (`0.5`, `500m`): the apply fails, or a controller keeps failing to create pods.',
    remediation:
      'Put the count under `resources.limits` only (the request then defaults to it), or set request and limit to the same whole number. To share a GPU, use MIG (`nvidia.com/mig-1g.5gb`), time-slicing or MPS through the device plugin, not a fractional quantity.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        requests:\n          nvidia.com/gpu: 1\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n',
      },
    ],
    fixable: 'safe',
    references: [
      'https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/',
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const resources = container.node.get('resources');
      if (!resources || !isMapping(resources.value)) return;
      const requests = resources.get('requests');
      const limits = resources.get('limits');
      const names = new Set(
        [...(requests?.entries() ?? []), ...(limits?.entries() ?? [])].map(([name]) => name).filter(isNonOvercommittable),
      );
      for (const name of names) {
        const request = requests?.get(name);
        const limit = limits?.get(name);
        for (const node of [request, limit]) {
          if (!node) continue;
          const amount = parseQuantity(node.value);
          if (amount === undefined || !Number.isInteger(amount) || amount < 0) {
            ctx.report({
              at: node,
              message: `container "${container.name}" asks for ${String(node.value)} ${name}; extended resources must be whole numbers`,
            });
          }
        }
        if (request && !limit) {
          // The API server requires the limit of an extended resource; a request alone is invalid, so mirroring it is safe.
          const fix = setFix(container.node, ['resources', 'limits', name], request.value as YamlValue, 'safe');
          ctx.report({
            at: request,
            message: `container "${container.name}" requests ${name} without a limit; set limits.${name}`,
            ...(fix && { fix }),
          });
        } else if (request && limit && parseQuantity(request.value) !== parseQuantity(limit.value)) {
          ctx.report({
            at: request,
            message: `container "${container.name}" requests ${String(request.value)} ${name} but its limit is ${String(limit.value)}; they must be equal`,
          });
        }
      }
    },
  },
});
