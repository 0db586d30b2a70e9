import type { Container } from '../../src/model/k8s.js';
import { isMapping } from '../../src/model/k8s.js';
import { parseQuantity } from './quantity.js';

/** Resource names that hand a container NVIDIA GPUs (whole, shared or MIG slices). */
export function isNvidiaGpuResource(name: string): boolean {
  return name === 'nvidia.com/gpu' || name === 'nvidia.com/gpu.shared' || name.startsWith('nvidia.com/mig-');
}

/** Accelerator resources their device plugins advertise (ai-rules reference, section 2.2). */
export const ACCELERATOR_RESOURCES = [
  'nvidia.com/gpu', 'nvidia.com/gpu.shared', 'amd.com/gpu', 'gpu.intel.com/i915', 'gpu.intel.com/xe', 'habana.ai/gaudi',
  'aws.amazon.com/neuron', 'aws.amazon.com/neuroncore', 'aws.amazon.com/neurondevice', 'google.com/tpu',
];
/** NVIDIA MIG profiles of the mixed strategy: `nvidia.com/mig-1g.5gb`, `…mig-3g.40gb.shared`. */
export const MIG_RESOURCE = /^nvidia\.com\/mig-\d+g\.\d+gb(\.(shared|me))?(\+me)?$/;

export function isAcceleratorResource(name: string): boolean {
  return ACCELERATOR_RESOURCES.includes(name) || MIG_RESOURCE.test(name);
}

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
