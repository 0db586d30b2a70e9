import { defineRule } from '../../src/engine/rule.js';
import type { Container } from '../../src/model/k8s.js';
import { envValue, isNvidiaGpuResource, requestedAccelerators } from '../_lib/accelerators.js';
import { hostPathVolumes } from '../_lib/security-context.js';

const HIDING = new Set(['void', 'none', '']);
/** Kubelet sockets that device plugins and GPU monitoring agents talk to. */
const KUBELET_DEVICE_PATHS = /^\/var\/lib\/kubelet(?:\/(?:device-plugins|pod-resources|plugins_registry|plugins)(?:\/|$)|$)/;

/**
 * Why the pod is GPU infrastructure, which must see every GPU of its node, or undefined: a
 * privileged container that asks for all GPUs (privileged containers get the node's devices
 * anyway), a pod that asks the NVIDIA CDI handler for the management devices, a pod that mounts
 * the kubelet's device-plugin or pod-resources sockets, or a DaemonSet node agent with host access.
 */
function infrastructure(container: Container, value: string): string | undefined {
  const workload = container.workload;
  const privileged = container.node.at('securityContext', 'privileged')?.value === true;
  if (privileged && value.trim().toLowerCase() === 'all') return 'privileged';
  const annotations = { ...workload.object.annotations, ...workload.templateAnnotations };
  if (Object.entries(annotations).some(([k, v]) => k.startsWith('nvidia.cdi.k8s.io/') && /management\.nvidia\.com\/gpu=all/.test(v)))
    return 'cdi';
  const hostPaths = hostPathVolumes(workload);
  if (hostPaths.some((v) => v.path !== undefined && KUBELET_DEVICE_PATHS.test(v.path.replace(/\/+$/, '')))) return 'device-plugin';
  const spec = workload.podSpec.value;
  if (workload.object.kind === 'DaemonSet' && (hostPaths.length > 0 || privileged || spec.hostPID === true || spec.hostNetwork === true))
    return 'node-agent';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'gpu-visible-devices-env',
    title: 'NVIDIA_VISIBLE_DEVICES set in a container that requests no GPU',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-A07'],
    rationale:
      "With NVIDIA's default runtime settings, a container that requests no GPU but sets `NVIDIA_VISIBLE_DEVICES=all` (or GPU indices or UUIDs) is given those GPUs anyway: it bypasses the scheduler's accounting and isolation, and shares GPUs with the pods that were allocated them (NVIDIA/k8s-device-plugin #61, #87, #195). For a container that does request GPUs, the device plugin overwrites the value, so setting it there does nothing.",
    remediation:
      'Request the GPUs instead: `resources.limits: {nvidia.com/gpu: 2}`. To hide GPUs from a container, `void` or `none` are the documented values and are not reported. GPU infrastructure is not judged, since it must see every GPU of its node: a privileged container that asks for `all` (a privileged container is given the devices of the node anyway, as the CUDA validator of the GPU operator is), a pod annotated to receive the NVIDIA CDI management devices (`nvidia.cdi.k8s.io/…: management.nvidia.com/gpu=all`), a pod that mounts the kubelet device-plugin or pod-resources sockets from the host (device plugins, DCGM exporters), and DaemonSets with host access (a hostPath volume, privileged, hostPID or hostNetwork: node agents such as feature discovery). A DaemonSet without host access is an application on every node and is judged.',
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
      const env = envValue(container, 'NVIDIA_VISIBLE_DEVICES');
      if (!env || HIDING.has(env.value.trim().toLowerCase())) return;
      if (requestedAccelerators(container, isNvidiaGpuResource).length > 0) return;
      if (infrastructure(container, env.value)) return;
      ctx.report({
        at: env.node,
        message: `container "${container.name}" sets NVIDIA_VISIBLE_DEVICES=${env.value} without requesting a GPU, so it sees GPUs the scheduler gave to other pods`,
      });
    },
  },
});
