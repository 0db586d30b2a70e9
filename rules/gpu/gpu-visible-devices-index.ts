import { defineRule } from '../../src/engine/rule.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorCounts, envValue, isNvidiaGpuResource } from '../_lib/accelerators.js';

/** Variables that select devices by index among those the container sees, and the resources that give it those devices. */
const SELECTORS: ReadonlyArray<{ variable: string; gives: (name: string) => boolean }> = [
  { variable: 'CUDA_VISIBLE_DEVICES', gives: isNvidiaGpuResource },
  { variable: 'HIP_VISIBLE_DEVICES', gives: (name) => name === 'amd.com/gpu' },
  { variable: 'ROCR_VISIBLE_DEVICES', gives: (name) => name === 'amd.com/gpu' },
];

export default defineRule({
  meta: {
    id: 'gpu-visible-devices-index',
    title: 'CUDA_VISIBLE_DEVICES names a GPU index the container does not have',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'The device plugin puts only the GPUs allocated to a container into it, numbered from 0: a container given 2 GPUs sees devices 0 and 1, whichever GPUs of the node they are. `CUDA_VISIBLE_DEVICES=2` (or `0,3`) names a device the container cannot have; CUDA ignores an invalid index and every index after it, so the process runs with fewer GPUs than it reserved, or with none ("no CUDA-capable device is detected"). The same holds for `HIP_VISIBLE_DEVICES`/`ROCR_VISIBLE_DEVICES` and `amd.com/gpu`.',
    remediation: 'Use indices below the requested count (`0` … `n-1`), raise the request, or drop the variable: the container already sees only its own GPUs. Values that are not plain indices (UUIDs, `$(VAR)` references) are not judged; empty and `-1` values are `gpu-requested-but-hidden`\'s.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      env:\n        - name: CUDA_VISIBLE_DEVICES\n          value: "2,3"\n      resources:\n        limits:\n          nvidia.com/gpu: 2\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      env:\n        - name: CUDA_VISIBLE_DEVICES\n          value: "0,1"\n      resources:\n        limits:\n          nvidia.com/gpu: 2\n',
      },
    ],
    references: ['https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#cuda-environment-variables', 'https://github.com/NVIDIA/k8s-device-plugin#readme', 'https://rocm.docs.amd.com/en/latest/conceptual/gpu-isolation.html'],
    options: { schema: { type: 'object', properties: { ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false }, defaults: {} },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      for (const { variable, gives } of SELECTORS) {
        const env = envValue(container, variable);
        if (!env) continue;
        const counts = [...acceleratorCounts(container, gives).values()];
        // No GPU of that vendor requested: the indices refer to whatever the runtime injects, not judged here.
        if (counts.length === 0) continue;
        const available = counts.reduce((sum, count) => sum + count, 0);
        if (available === 0) continue;
        const beyond = env.value.split(',').map((token) => token.trim()).filter((token) => /^\d+$/.test(token) && Number(token) >= available);
        if (beyond.length === 0) continue;
        ctx.report({ at: env.node, message: `container "${container.name}" sets ${variable}=${env.value} but is given ${available} GPU${available === 1 ? '' : 's'}, numbered 0${available > 1 ? `–${available - 1}` : ''} inside it: index ${beyond.join(', ')} does not exist; use indices below ${available} or drop the variable` });
      }
    },
  },
});
