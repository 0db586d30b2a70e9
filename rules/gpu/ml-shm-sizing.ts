import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';
import { parseQuantity } from '../_lib/quantity.js';
import { sharedMemoryMount } from './_lib/shared-memory.js';

export default defineRule({
  meta: {
    id: 'ml-shm-sizing',
    title: '/dev/shm volume that is not memory-backed, or not sized below the memory limit',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-D17'],
    rationale: 'A `/dev/shm` mount replaces the runtime\'s 64 MiB tmpfs. An `emptyDir` without `medium: Memory` puts it on the node\'s disk, so shared-memory traffic (DataLoader batches, NCCL buffers) goes through the filesystem. A memory-backed `emptyDir` is tmpfs whose usage counts against the container\'s memory limit (Kubernetes emptyDir docs): without a `sizeLimit` it is sized to the node\'s allocatable memory, so a leak fills it until the container is OOM-killed instead of the kubelet evicting the pod at a known size; a `sizeLimit` at or above the memory limit never triggers before the OOM kill and leaves no memory for the process itself.',
    remediation: 'Use `emptyDir: {medium: Memory, sizeLimit: <size>}` with a size well below the container\'s `limits.memory` (a few GiB for DataLoader workers, about 10–20 % of memory for NCCL/vLLM), and raise the memory limit by that amount. A missing `sizeLimit` is reported (at `info`) only with the option `requireSizeLimit: true`: the memory limit still bounds the volume, so the pod dies either way, by eviction instead of an OOM kill.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        limits:\n          memory: 16Gi\n      volumeMounts:\n        - name: dshm\n          mountPath: /dev/shm\n  volumes:\n    - name: dshm\n      emptyDir:\n        medium: Memory\n        sizeLimit: 16Gi\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        limits:\n          memory: 16Gi\n      volumeMounts:\n        - name: dshm\n          mountPath: /dev/shm\n  volumes:\n    - name: dshm\n      emptyDir:\n        medium: Memory\n        sizeLimit: 4Gi\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/storage/volumes/#emptydir', 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#memory-backed-emptydir'],
    options: {
      schema: { type: 'object', properties: { requireSizeLimit: { type: 'boolean', description: 'Also report memory-backed /dev/shm volumes without a sizeLimit (at info).' } }, additionalProperties: false },
      defaults: { requireSizeLimit: false },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const shm = sharedMemoryMount(container);
      const emptyDir = shm?.volume?.get('emptyDir');
      // Other volume types at /dev/shm (hostPath, PVCs) are judged by the volume rules.
      if (!shm || !emptyDir) return;
      const medium = emptyDir.get('medium');
      if (!isMapping(emptyDir.value) || emptyDir.value.medium !== 'Memory') {
        ctx.report({ at: medium ?? emptyDir.key(), message: `container "${container.name}" mounts a disk-backed emptyDir at /dev/shm; set medium: Memory so shared memory stays in RAM` });
        return;
      }
      const sizeLimit = emptyDir.get('sizeLimit');
      if (!sizeLimit) {
        if (ctx.options.requireSizeLimit !== true) return;
        ctx.report({ at: medium ?? emptyDir, severity: 'info', message: `container "${container.name}" mounts a memory-backed /dev/shm without sizeLimit: it may grow to the node's memory and get the container OOM-killed; set a sizeLimit below limits.memory` });
        return;
      }
      const size = parseQuantity(sizeLimit.value);
      const memoryLimit = parseQuantity(container.node.at('resources', 'limits', 'memory')?.value);
      if (size !== undefined && memoryLimit !== undefined && size >= memoryLimit) {
        ctx.report({ at: sizeLimit, message: `container "${container.name}" sizes /dev/shm at ${String(sizeLimit.value)}, not below its memory limit ${String(container.node.at('resources', 'limits', 'memory')?.value)}: tmpfs counts against the limit, so lower the sizeLimit or raise limits.memory` });
      }
    },
  },
});
