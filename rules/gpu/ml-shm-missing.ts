import { defineRule } from '../../src/engine/rule.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { ComposeService } from '../../src/model/compose.js';
import { describeService } from '../_lib/compose-service.js';
import { sharedMemoryMount, sharedMemoryNeed, sharedMemoryNeedOfCommand } from './_lib/shared-memory.js';

/** A Compose service's `entrypoint` and `command` as one line (string or list form, literal parts). */
function composeCommandLine(service: ComposeService): string {
  const parts: string[] = [];
  for (const key of ['entrypoint', 'command']) {
    const value = service.node.value[key];
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value))
      for (const item of value) if (typeof item === 'string' || typeof item === 'number') parts.push(String(item));
  }
  return parts.join(' ');
}

/** The service has a larger /dev/shm or the host's: `shm_size`, `ipc: host`/`shareable`/`service:x`/`container:x`, or a mount at /dev/shm. */
function composeHasSharedMemory(service: ComposeService): boolean {
  if (service.node.get('shm_size') !== undefined) return true;
  const ipc = service.node.get('ipc');
  if (ipc !== undefined && ipc.value !== 'private' && ipc.value !== 'none') return true;
  if (service.volumes.some((m) => m.target?.replace(/\/+$/, '') === '/dev/shm')) return true;
  const tmpfs = service.node.value.tmpfs;
  return (Array.isArray(tmpfs) ? tmpfs : [tmpfs]).some((t) => typeof t === 'string' && /^\/dev\/shm\/?(:|$)/.test(t));
}

/** GPUs a device reservation gives: a literal count above 1 or several device_ids (`count: all` may be one GPU: not judged). */
function composeGpuCount(service: ComposeService): string | undefined {
  for (const device of service.deploy.devices) {
    const count = device.get('count')?.value;
    if (typeof count === 'number' && count > 1) return `${count} GPUs`;
    const ids = device.get('device_ids')?.value;
    if (Array.isArray(ids) && ids.length > 1) return `${ids.length} GPUs`;
  }
  return undefined;
}

/** Controllers that give the pods they create a /dev/shm volume of their own (or merge one in from presets). */
function controllerAddsSharedMemory(object: K8sObject): boolean {
  return (
    object.apiVersion.startsWith('ray.io/') || (object.apiVersion.startsWith('serving.kserve.io/') && object.kind === 'LLMInferenceService')
  );
}

export default defineRule({
  meta: {
    id: 'ml-shm-missing',
    title: 'Multi-process or multi-GPU ML container without a memory-backed /dev/shm',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-D16'],
    rationale:
      'Container runtimes give a container a 64 MiB `/dev/shm`, and Kubernetes has no `--shm-size`. PyTorch DataLoader workers and torchrun ranks share tensors through shared memory (the PyTorch README warns of this and asks for `--ipc=host` or `--shm-size`); NCCL moves data between a node\'s GPUs through it when peer-to-peer is unavailable (NCCL troubleshooting guide); vLLM tensor-parallel ranks and TGI shards rely on it (vLLM\'s Kubernetes guide, TGI\'s "A note on Shared Memory"). With 64 MiB they crash with "bus error" or "insufficient shared memory (shm)". Docker Compose: a service whose command runs a PyTorch launcher or a parallelism flag above 1, or that reserves several GPUs, needs `shm_size` (or `ipc: host`, or a tmpfs at /dev/shm).',
    remediation:
      "Mount an `emptyDir` with `medium: Memory` and a `sizeLimit` at `/dev/shm` (`volumes: [{name: dshm, emptyDir: {medium: Memory, sizeLimit: 8Gi}}]`, `volumeMounts: [{name: dshm, mountPath: /dev/shm}]`). Reported for containers that run torchrun, torch.distributed, deepspeed or `accelerate launch`, that set `--tensor-parallel-size`, `--pipeline-parallel-size`, `--num-shard`/`NUM_SHARD` or `--nproc_per_node` above 1, or that are given more than one NVIDIA/AMD GPU or Gaudi. Pods with `hostIPC: true` use the node's `/dev/shm` and are left to `host-ipc`. Ray pods (RayCluster, RayJob, RayService) are not judged, since KubeRay mounts a memory-backed `/dev/shm` into the Ray container itself, nor KServe LLMInferenceService, whose template is merged with the controller's preset configurations.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      command: ["torchrun", "--nproc_per_node=4", "train.py"]\n      resources:\n        limits:\n          nvidia.com/gpu: 4\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      command: ["torchrun", "--nproc_per_node=4", "train.py"]\n      resources:\n        limits:\n          nvidia.com/gpu: 4\n      volumeMounts:\n        - name: dshm\n          mountPath: /dev/shm\n  volumes:\n    - name: dshm\n      emptyDir:\n        medium: Memory\n        sizeLimit: 16Gi\n',
      },
    ],
    references: [
      'https://github.com/pytorch/pytorch#using-pre-built-images',
      'https://docs.vllm.ai/en/stable/deployment/k8s.html',
      'https://github.com/huggingface/text-generation-inference#a-note-on-shared-memory-shm',
      'https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/troubleshooting.html#docker',
      'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (container.type !== 'regular' || container.workload.object.partial) return;
      if (container.workload.podSpec.value.hostIPC === true || controllerAddsSharedMemory(container.workload.object)) return;
      if (sharedMemoryMount(container)) return;
      const need = sharedMemoryNeed(container);
      if (!need) return;
      ctx.reportMissing(
        container.node,
        ['volumeMounts'],
        `container "${container.name}" needs more than the runtime's 64 MiB /dev/shm: ${need}; mount an emptyDir with medium: Memory and a sizeLimit at /dev/shm`,
      );
    },
    'compose:service': (service, ctx, model) => {
      if (model.partial || service.extends || composeHasSharedMemory(service)) return;
      const gpus = composeGpuCount(service);
      const need =
        sharedMemoryNeedOfCommand(composeCommandLine(service)) ??
        (gpus ? `it is given ${gpus} (NCCL exchanges data between them through shared memory)` : undefined);
      if (!need) return;
      ctx.reportMissing(
        service.node,
        ['shm_size'],
        `${describeService(service)} needs more than Docker's 64 MiB /dev/shm: ${need}; set shm_size (for example 8gb) or ipc: host`,
      );
    },
  },
});
