import { defineRule } from '../../src/engine/rule.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorMatcher, envValue, requestedAccelerators } from '../_lib/accelerators.js';

export default defineRule({
  meta: {
    id: 'gpu-requested-but-hidden',
    title: 'Container requests an accelerator and hides it with CUDA_VISIBLE_DEVICES',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-A06'],
    rationale:
      'An accelerator the container requests is reserved for it, and billed, but `CUDA_VISIBLE_DEVICES=""` (or `-1`) hides every GPU from CUDA: the job runs on CPU while the GPU it reserved sits idle.',
    remediation:
      'Drop the GPU request for a CPU run, or drop the variable for a GPU run. `NVIDIA_VISIBLE_DEVICES=void` is not reported here: for a container that is allocated GPUs the device plugin overwrites that variable, so it hides nothing.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: test\nspec:\n  containers:\n    - name: test\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      env:\n        - name: CUDA_VISIBLE_DEVICES\n          value: ""\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: test\nspec:\n  containers:\n    - name: test\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      env:\n        - name: CUDA_VISIBLE_DEVICES\n          value: ""\n',
      },
    ],
    references: [
      'https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#env-vars',
      'https://github.com/NVIDIA/k8s-device-plugin#readme',
    ],
    options: { schema: { type: 'object', properties: { ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false }, defaults: {} },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const accelerators = requestedAccelerators(container, acceleratorMatcher(ctx.options));
      if (accelerators.length === 0) return;
      const cuda = envValue(container, 'CUDA_VISIBLE_DEVICES');
      if (!cuda || !['', '-1'].includes(cuda.value.trim())) return;
      ctx.report({
        at: cuda.node,
        message: `container "${container.name}" requests ${accelerators.join(', ')} but CUDA_VISIBLE_DEVICES="${cuda.value}" hides every GPU from CUDA`,
      });
    },
  },
});
