import { defineRule } from '../../src/engine/rule.js';
import { acceleratorCounts, isNvidiaGpuResource, nvidiaDeviceType } from '../_lib/accelerators.js';

export default defineRule({
  meta: {
    id: 'gpu-mig-single-type',
    title: 'Container requests more than one NVIDIA device type (whole GPUs and MIG slices, or two MIG profiles)',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-A04'],
    rationale: 'When NVIDIA\'s device plugin introduced MIG (0.7.0) it documented that a container should request a single device type: asking for `nvidia.com/gpu` together with `nvidia.com/mig-3g.20gb`, or for two MIG profiles, reserves (and bills) all of them while the CUDA process can use only one device type. Under the `single` MIG strategy the slices are advertised as `nvidia.com/gpu` anyway, and under `mixed` each profile is its own resource.',
    remediation: 'Request one type: `nvidia.com/gpu: N` for whole GPUs, or one MIG profile (`nvidia.com/mig-1g.5gb: N`). Run work that needs different slices in different containers or pods.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: infer\nspec:\n  containers:\n    - name: infer\n      image: nvcr.io/nvidia/tritonserver:24.08-py3\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n          nvidia.com/mig-1g.5gb: 1\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: infer\nspec:\n  containers:\n    - name: infer\n      image: nvcr.io/nvidia/tritonserver:24.08-py3\n      resources:\n        limits:\n          nvidia.com/mig-1g.5gb: 1\n',
      },
    ],
    references: ['https://github.com/NVIDIA/k8s-device-plugin/releases/tag/v0.7.0-rc.1', 'https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-mig.html'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const names = [...acceleratorCounts(container, isNvidiaGpuResource).entries()].filter(([, count]) => count > 0).map(([name]) => name);
      const types = new Set(names.map((name) => nvidiaDeviceType(name)));
      if (types.size < 2) return;
      const section = container.node.at('resources', 'limits')?.get(names[1] ?? '') ? 'limits' : 'requests';
      const at = container.node.at('resources', section, names[1] ?? '');
      if (!at) return;
      ctx.report({ at: at.key(), message: `container "${container.name}" requests ${names.join(' and ')}: it is billed for every type but CUDA uses one; request a single NVIDIA device type` });
    },
  },
});
