import { isMapping, type Container, type KNode, type Mapping } from '../../../src/model/k8s.js';
import { acceleratorCounts, envValue } from '../../_lib/accelerators.js';

/** The container's command and args as one line of text (literal items only). */
export function commandLine(container: Container): string {
  const parts: string[] = [];
  for (const key of ['command', 'args']) {
    const value = container.node.value[key];
    if (Array.isArray(value)) for (const item of value) if (typeof item === 'string' || typeof item === 'number') parts.push(String(item));
  }
  return parts.join(' ');
}

const LAUNCHERS: ReadonlyArray<[RegExp, string]> = [
  [/\btorchrun\b/, 'torchrun'],
  [/torch\.distributed\.(?:run|launch)\b/, 'torch.distributed'],
  [/\bdeepspeed\b/, 'deepspeed'],
  [/\baccelerate\s+launch\b/, 'accelerate launch'],
];
const PARALLEL_FLAGS: ReadonlyArray<[RegExp, string]> = [
  [/(?:--tensor-parallel-size|(?:^|\s)-tp)(?:=|\s+)(\d+)/, 'vLLM tensor parallelism'],
  [/--pipeline-parallel-size(?:=|\s+)(\d+)/, 'vLLM pipeline parallelism'],
  [/--num-shard(?:=|\s+)(\d+)/, 'TGI sharding'],
  [/--nproc[_-]per[_-]node(?:=|\s+)(\d+)/, 'multiple processes per node'],
];
/** NVIDIA and AMD devices: NCCL/RCCL move data between a node's GPUs through shared memory when P2P is not available. */
const MULTI_GPU = (name: string): boolean => name === 'nvidia.com/gpu' || name === 'amd.com/gpu' || name === 'habana.ai/gaudi';

/**
 * Why the container needs more shared memory than the runtime's 64 MiB `/dev/shm`: a multi-process
 * PyTorch launcher, tensor/pipeline-parallel inference, or several GPUs of one node talking over NCCL.
 */
export function sharedMemoryNeed(container: Container): string | undefined {
  const fromCommand = sharedMemoryNeedOfCommand(commandLine(container));
  if (fromCommand) return fromCommand;
  const shards = envValue(container, 'NUM_SHARD');
  if (shards && Number(shards.value) > 1) return `TGI sharding (NUM_SHARD=${shards.value})`;
  const gpus = [...acceleratorCounts(container, MULTI_GPU).entries()].find(([, count]) => count > 1);
  if (gpus) return `it is given ${gpus[1]} ${gpus[0]} (NCCL exchanges data between them through shared memory)`;
  return undefined;
}

/** Why a command line needs more than 64 MiB of /dev/shm (a launcher or a parallelism flag above 1); also used for Compose services. */
export function sharedMemoryNeedOfCommand(line: string): string | undefined {
  for (const [pattern, reason] of PARALLEL_FLAGS) {
    const match = pattern.exec(line);
    if (match && Number(match[1]) > 1) return `${reason} (${match[0].trim()})`;
  }
  for (const [pattern, reason] of LAUNCHERS) if (pattern.test(line)) return `it runs ${reason}`;
  return undefined;
}

/** The container's volume mount at `/dev/shm` and the pod volume it mounts. */
export function sharedMemoryMount(container: Container): { mount: KNode; volume?: KNode<Mapping> } | undefined {
  const mount = container.node
    .get('volumeMounts')
    ?.items()
    .find(
      (item) =>
        isMapping(item.value) && typeof item.value.mountPath === 'string' && item.value.mountPath.replace(/\/+$/, '') === '/dev/shm',
    );
  if (!mount || !isMapping(mount.value)) return undefined;
  const name = mount.value.name;
  const volume = container.workload.podSpec
    .get('volumes')
    ?.items()
    .find((item) => isMapping(item.value) && item.value.name === name);
  return { mount, ...(volume && isMapping(volume.value) ? { volume: volume as KNode<Mapping> } : {}) };
}
