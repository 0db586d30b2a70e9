import { defineRule } from '../../src/engine/rule.js';
import { envValue, isNvidiaGpuResource, requestedAccelerators } from '../_lib/accelerators.js';

const HIDING = new Set(['void', 'none', '']);

export default defineRule({
  meta: {
    id: 'gpu-visible-devices-env',
    title: 'NVIDIA_VISIBLE_DEVICES set in a container that requests no GPU',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-A07'],
    rationale: 'With NVIDIA\'s default runtime settings, a container that requests no GPU but sets `NVIDIA_VISIBLE_DEVICES=all` (or GPU indices or UUIDs) is given those GPUs anyway: it bypasses the scheduler\'s accounting and isolation, and shares GPUs with the pods that were allocated them (NVIDIA/k8s-device-plugin #61, #87, #195). For a container that does request GPUs, the device plugin overwrites the value, so setting it there does nothing.',
    remediation: 'Request the GPUs instead: `resources.limits: {nvidia.com/gpu: 2}`. To hide GPUs from a container, `void` or `none` are the documented values and are not reported. DaemonSets are not judged: node agents (device plugins, DCGM exporters, feature discovery) legitimately see every GPU of their node.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      env:\n        - name: NVIDIA_VISIBLE_DEVICES\n          value: all\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        limits:\n          nvidia.com/gpu: 2\n',
      },
    ],
    references: ['https://github.com/NVIDIA/k8s-device-plugin#readme', 'https://github.com/NVIDIA/k8s-device-plugin/issues/61'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (container.workload.object.kind === 'DaemonSet') return;
      const env = envValue(container, 'NVIDIA_VISIBLE_DEVICES');
      if (!env || HIDING.has(env.value.trim().toLowerCase())) return;
      if (requestedAccelerators(container, isNvidiaGpuResource).length > 0) return;
      ctx.report({ at: env.node, message: `container "${container.name}" sets NVIDIA_VISIBLE_DEVICES=${env.value} without requesting a GPU, so it sees GPUs the scheduler gave to other pods` });
    },
  },
});
