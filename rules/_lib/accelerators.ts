import type { Container, Workload } from '../../src/model/k8s.js';
import { isMapping } from '../../src/model/k8s.js';
import { parseQuantity } from './quantity.js';

/** Resource names that hand a container NVIDIA GPUs (whole, shared or MIG slices). */
export function isNvidiaGpuResource(name: string): boolean {
  return name === 'nvidia.com/gpu' || name === 'nvidia.com/gpu.shared' || name.startsWith('nvidia.com/mig-');
}

/**
 * The accelerator catalogue as data (ai-rules reference §2.2–§2.7): the resources vendors' device plugins
 * advertise, the node labels their feature discovery and the clouds set, the runtime classes and the
 * taints accelerator nodes carry per platform. Rules take `extraResources` (see ACCELERATOR_OPTION_SCHEMA)
 * for clusters whose plugins advertise renamed resources.
 */
export type AcceleratorKind = 'device' | 'partition' | 'shared' | 'interconnect';
export interface AcceleratorResource {
  name: string;
  vendor: 'nvidia' | 'amd' | 'intel' | 'habana' | 'aws' | 'google';
  /** device: whole devices; partition: a slice of one (NVIDIA MIG); shared: a time-sliced/MPS replica; interconnect: a network device (not a GPU). */
  kind: AcceleratorKind;
}

export const ACCELERATOR_CATALOGUE: readonly AcceleratorResource[] = [
  { name: 'nvidia.com/gpu', vendor: 'nvidia', kind: 'device' },
  { name: 'nvidia.com/gpu.shared', vendor: 'nvidia', kind: 'shared' },
  { name: 'amd.com/gpu', vendor: 'amd', kind: 'device' },
  { name: 'gpu.intel.com/i915', vendor: 'intel', kind: 'device' },
  { name: 'gpu.intel.com/xe', vendor: 'intel', kind: 'device' },
  { name: 'habana.ai/gaudi', vendor: 'habana', kind: 'device' },
  { name: 'aws.amazon.com/neuron', vendor: 'aws', kind: 'device' },
  { name: 'aws.amazon.com/neuroncore', vendor: 'aws', kind: 'partition' },
  { name: 'aws.amazon.com/neurondevice', vendor: 'aws', kind: 'device' },
  { name: 'google.com/tpu', vendor: 'google', kind: 'device' },
  { name: 'vpc.amazonaws.com/efa', vendor: 'aws', kind: 'interconnect' },
];

/** Accelerator resources their device plugins advertise (interconnects excluded). */
export const ACCELERATOR_RESOURCES = ACCELERATOR_CATALOGUE.filter((r) => r.kind !== 'interconnect').map((r) => r.name);
/** NVIDIA MIG profiles of the mixed strategy: `nvidia.com/mig-1g.5gb`, `…mig-3g.40gb.shared`. */
export const MIG_RESOURCE = /^nvidia\.com\/mig-\d+g\.\d+gb(\.(shared|me))?(\+me)?$/;

export function isAcceleratorResource(name: string): boolean {
  return ACCELERATOR_RESOURCES.includes(name) || MIG_RESOURCE.test(name);
}

/** A replica of a time-sliced or MPS-shared device, as the NVIDIA plugin advertises it with `renameByDefault: true`. */
export function isSharedResource(name: string): boolean {
  return name.endsWith('.shared');
}

/** The NVIDIA device type a resource hands out: `nvidia.com/gpu`, or the MIG profile (`.shared` stripped). */
export function nvidiaDeviceType(name: string): string | undefined {
  if (!isNvidiaGpuResource(name)) return undefined;
  return name.replace(/\.shared$/, '');
}

/** Option shared by the pack's rules: resource names a cluster's plugins advertise beyond the catalogue. */
export const ACCELERATOR_OPTION_SCHEMA = {
  extraResources: {
    type: 'array',
    items: { type: 'string' },
    description: 'Accelerator resource names this cluster advertises beyond the built-in catalogue (renamed or custom device plugins).',
  },
} as const;

/** Accepts the catalogue's accelerators and the names configured in `extraResources`. */
export function acceleratorMatcher(options: Record<string, unknown>): (name: string) => boolean {
  const extra = Array.isArray(options.extraResources) ? options.extraResources.filter((n): n is string => typeof n === 'string') : [];
  return (name) => isAcceleratorResource(name) || extra.includes(name);
}

export type Platform = 'generic' | 'gke' | 'eks' | 'aks';
export const PLATFORMS: readonly Platform[] = ['generic', 'gke', 'eks', 'aks'];
export const PLATFORM_OPTION_SCHEMA = {
  platform: {
    enum: [...PLATFORMS],
    description: 'The cluster\'s platform, whose node labels and taints the rule expects: gke, eks, aks or generic (upstream/NVIDIA conventions).',
  },
} as const;

export function platformOf(options: Record<string, unknown>): Platform {
  const value = options.platform;
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value) ? (value as Platform) : 'generic';
}

/**
 * Taint keys accelerator nodes carry, per platform (§2.5): NVIDIA's and the vendors' own keys, which
 * EKS/Karpenter node pools and GKE use too; AKS guides taint GPU pools `sku=gpu`.
 */
export const ACCELERATOR_TAINT_KEYS: Record<Platform, readonly string[]> = {
  generic: ['nvidia.com/gpu', 'amd.com/gpu', 'google.com/tpu', 'aws.amazon.com/neuron', 'habana.ai/gaudi', 'gpu.intel.com/i915', 'gpu.intel.com/xe'],
  gke: ['nvidia.com/gpu', 'google.com/tpu'],
  eks: ['nvidia.com/gpu', 'aws.amazon.com/neuron', 'amd.com/gpu', 'habana.ai/gaudi'],
  aks: ['nvidia.com/gpu', 'sku', 'amd.com/gpu'],
};
/** Taint keys whose value tells whether the node is an accelerator node (`sku=gpu` on AKS). */
export const ACCELERATOR_TAINT_VALUES: Readonly<Record<string, readonly string[]>> = { sku: ['gpu'] };

/** RuntimeClasses that hand containers the NVIDIA runtime (device plugin chart, GPU operator). */
export const NVIDIA_RUNTIME_CLASSES: readonly string[] = ['nvidia', 'nvidia-cdi', 'nvidia-legacy'];

/** Node labels of accelerator nodes (§2.6): GPU feature discovery, the GPU operator, the clouds, AMD's labeller. */
export const ACCELERATOR_NODE_LABELS: readonly string[] = [
  // NVIDIA GPU feature discovery and GPU operator
  'nvidia.com/gpu.product', 'nvidia.com/gpu.count', 'nvidia.com/gpu.memory', 'nvidia.com/gpu.family',
  'nvidia.com/gpu.compute.major', 'nvidia.com/gpu.compute.minor', 'nvidia.com/gpu.machine', 'nvidia.com/gpu.replicas',
  'nvidia.com/gpu.mode', 'nvidia.com/gpu.clique', 'nvidia.com/gpu.sharing-strategy', 'nvidia.com/gpu.present',
  'nvidia.com/gpu.deploy.driver', 'nvidia.com/gpu.deploy.gpu-feature-discovery', 'nvidia.com/gpu.deploy.container-toolkit',
  'nvidia.com/gpu.deploy.device-plugin', 'nvidia.com/gpu.deploy.dcgm', 'nvidia.com/gpu.deploy.dcgm-exporter',
  'nvidia.com/gpu.deploy.mig-manager', 'nvidia.com/gpu.deploy.operator-validator', 'nvidia.com/gpu.deploy.node-status-exporter',
  'nvidia.com/gpu.deploy.sandbox-device-plugin', 'nvidia.com/gpu.deploy.sandbox-validator', 'nvidia.com/gpu.deploy.vfio-manager',
  'nvidia.com/gpu.deploy.vgpu-manager', 'nvidia.com/gpu.deploy.vgpu-device-manager', 'nvidia.com/gpu.deploy.cc-manager',
  'nvidia.com/gpu.deploy.kata-manager', 'nvidia.com/gpu.workload.config', 'nvidia.com/gpu.config',
  'nvidia.com/cuda.driver-version.major', 'nvidia.com/cuda.driver-version.minor', 'nvidia.com/cuda.driver-version.revision',
  'nvidia.com/cuda.driver-version.full', 'nvidia.com/cuda.runtime-version.major', 'nvidia.com/cuda.runtime-version.minor',
  'nvidia.com/cuda.runtime-version.full', 'nvidia.com/cuda.driver.major', 'nvidia.com/cuda.driver.minor', 'nvidia.com/cuda.driver.rev',
  'nvidia.com/cuda.runtime.major', 'nvidia.com/cuda.runtime.minor',
  'nvidia.com/mig.strategy', 'nvidia.com/mig.capable', 'nvidia.com/mig.config', 'nvidia.com/mig.config.state', 'nvidia.com/mps.capable',
  'nvidia.com/vgpu.present', 'nvidia.com/vgpu.host-driver-version', 'nvidia.com/vgpu.host-driver-branch', 'nvidia.com/device-plugin.config',
  // GKE
  'cloud.google.com/gke-accelerator', 'cloud.google.com/gke-accelerator-count', 'cloud.google.com/gke-tpu-accelerator',
  'cloud.google.com/gke-tpu-topology', 'cloud.google.com/gke-gpu-sharing-strategy', 'cloud.google.com/gke-max-shared-clients-per-gpu',
  'cloud.google.com/gke-gpu-partition-size', 'cloud.google.com/gke-gpu-driver-version',
  // EKS / Karpenter
  'karpenter.k8s.aws/instance-gpu-name', 'karpenter.k8s.aws/instance-gpu-count', 'karpenter.k8s.aws/instance-gpu-manufacturer',
  'karpenter.k8s.aws/instance-gpu-memory', 'karpenter.k8s.aws/instance-accelerator-name', 'karpenter.k8s.aws/instance-accelerator-count',
  'karpenter.k8s.aws/instance-accelerator-manufacturer',
  'eks.amazonaws.com/instance-gpu-name', 'eks.amazonaws.com/instance-gpu-count', 'eks.amazonaws.com/instance-gpu-manufacturer',
  'eks.amazonaws.com/instance-gpu-memory',
  // AKS
  'kubernetes.azure.com/accelerator',
  // AMD node labeller
  'amd.com/gpu.product-name', 'amd.com/gpu.family', 'amd.com/gpu.vram', 'amd.com/gpu.device-id', 'amd.com/gpu.cu-count',
  'amd.com/gpu.simd-count', 'amd.com/gpu.driver-version', 'amd.com/gpu.compute-memory-partition', 'amd.com/gpu.compute-partitioning-supported',
  'amd.com/gpu.mode', 'amd.com/gpu',
];

/** Label-key families whose members are all in ACCELERATOR_NODE_LABELS: a key inside one that is not listed is likely a typo. */
export const ACCELERATOR_LABEL_FAMILIES: readonly RegExp[] = [
  /^nvidia\.com\/(gpu|cuda|mig|mps|vgpu)\./,
  /^cloud\.google\.com\/gke-(acc|tpu|gpu)/,
  /^karpenter\.k8s\.aws\/instance-(gpu|accelerator)-/,
  /^eks\.amazonaws\.com\/instance-gpu-/,
  /^kubernetes\.azure\.com\/accelerator/,
  /^amd\.com\/gpu\./,
];
/** Labels GFD renamed: the old `nvidia.com/cuda.driver.*` spellings still exist on older installs. */
export const DEPRECATED_ACCELERATOR_LABELS: Readonly<Record<string, string>> = {
  'nvidia.com/cuda.driver.major': 'nvidia.com/cuda.driver-version.major',
  'nvidia.com/cuda.driver.minor': 'nvidia.com/cuda.driver-version.minor',
  'nvidia.com/cuda.driver.rev': 'nvidia.com/cuda.driver-version.revision',
  'nvidia.com/cuda.runtime.major': 'nvidia.com/cuda.runtime-version.major',
  'nvidia.com/cuda.runtime.minor': 'nvidia.com/cuda.runtime-version.minor',
};

/** Accelerators the container is given: resources matching `accept` with a limit (or request) above 0. */
export function requestedAccelerators(container: Container, accept: (name: string) => boolean = isAcceleratorResource): string[] {
  const resources = container.node.value.resources;
  if (!isMapping(resources)) return [];
  const names = new Set<string>();
  for (const kind of ['limits', 'requests']) {
    const values = resources[kind];
    if (!isMapping(values)) continue;
    for (const [name, value] of Object.entries(values)) if (accept(name) && (parseQuantity(value) ?? 0) > 0) names.add(name);
  }
  return [...names];
}

/** The literal value of an environment variable of the container (undefined when unset or taken from a source). */
export function envValue(container: Container, name: string): { value: string; node: NonNullable<ReturnType<Container['node']['get']>> } | undefined {
  for (const entry of container.node.get('env')?.items() ?? []) {
    if (!isMapping(entry.value) || entry.value.name !== name || entry.value.valueFrom !== undefined) continue;
    const value = entry.value.value;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar in valid input; a mapping there prints as [object Object], as before
    return { value: value === undefined || value === null ? '' : String(value), node: entry.get('value') ?? entry };
  }
  return undefined;
}

/** Whole numbers of each accelerator the container is given (its limit, or its request without a limit); fractional or unreadable counts are left out. */
export function acceleratorCounts(container: Container, accept: (name: string) => boolean = isAcceleratorResource): Map<string, number> {
  const counts = new Map<string, number>();
  const resources = container.node.value.resources;
  if (!isMapping(resources)) return counts;
  for (const kind of ['requests', 'limits']) {
    const values = resources[kind];
    if (!isMapping(values)) continue;
    for (const [name, value] of Object.entries(values)) {
      const amount = parseQuantity(value);
      if (accept(name) && amount !== undefined && Number.isInteger(amount)) counts.set(name, amount);
    }
  }
  return counts;
}

/** Whether any container of the workload (init containers included) is given an accelerator. */
export function workloadRequestsAccelerator(workload: Workload, accept: (name: string) => boolean = isAcceleratorResource): boolean {
  return workload.containers.some((container) => requestedAccelerators(container, accept).length > 0);
}
