import { defineRule } from '../../src/engine/rule.js';
import { ACCELERATOR_OPTION_SCHEMA, NVIDIA_RUNTIME_CLASSES, acceleratorMatcher, workloadRequestsAccelerator } from '../_lib/accelerators.js';

export default defineRule({
  meta: {
    id: 'gpu-runtimeclass-without-request',
    title: 'NVIDIA runtime class on a pod that requests no GPU',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-A08'],
    rationale: 'The `nvidia` RuntimeClass runs containers through the NVIDIA container runtime, which injects GPUs according to `NVIDIA_VISIBLE_DEVICES`; CUDA images set it to `all`. A pod that uses the class but requests no GPU therefore sees every GPU of its node outside the scheduler\'s accounting, and on a node without the handler it does not start at all ("no runtime for \\"nvidia\\" is configured", NVIDIA/gpu-operator#730).',
    remediation: 'Drop `runtimeClassName` from pods that need no GPU, or request the GPUs they use (`resources.limits: {nvidia.com/gpu: 1}`). DaemonSets (the GPU operator\'s and device plugin\'s node agents need every GPU) and pods that get devices through Dynamic Resource Allocation claims are not judged. Runtime class names and extra resource names are options.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  runtimeClassName: nvidia\n  containers:\n    - name: web\n      image: app:1.0\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: app:1.0\n',
      },
    ],
    references: ['https://github.com/NVIDIA/k8s-device-plugin#readme', 'https://github.com/NVIDIA/gpu-operator/issues/730', 'https://kubernetes.io/docs/concepts/containers/runtime-class/'],
    options: {
      schema: { type: 'object', properties: { runtimeClasses: { type: 'array', items: { type: 'string' }, description: 'RuntimeClass names that select the NVIDIA runtime.' }, ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { runtimeClasses: [...NVIDIA_RUNTIME_CLASSES] },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      if (workload.object.kind === 'DaemonSet') return;
      const runtimeClass = workload.podSpec.get('runtimeClassName');
      const classes = Array.isArray(ctx.options.runtimeClasses) ? ctx.options.runtimeClasses : NVIDIA_RUNTIME_CLASSES;
      if (!runtimeClass || typeof runtimeClass.value !== 'string' || !classes.includes(runtimeClass.value)) return;
      if (workload.podSpec.get('resourceClaims')?.items().length) return;
      if (workloadRequestsAccelerator(workload, acceleratorMatcher(ctx.options))) return;
      ctx.report({ at: runtimeClass, message: `${workload.object.kind} "${workload.object.name ?? ''}" runs with runtimeClassName: ${runtimeClass.value} but no container requests a GPU: it sees the node's GPUs outside the scheduler's accounting and fails on nodes without the handler; request the GPUs or drop runtimeClassName` });
    },
  },
});
