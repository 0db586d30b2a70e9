import type { Container } from '../../src/model/k8s.js';
import { isMapping } from '../../src/model/k8s.js';
import { parseQuantity } from './quantity.js';

/** Resource names that hand a container NVIDIA GPUs (whole, shared or MIG slices). */
export function isNvidiaGpuResource(name: string): boolean {
  return name === 'nvidia.com/gpu' || name === 'nvidia.com/gpu.shared' || name.startsWith('nvidia.com/mig-');
}

const ACCELERATORS = /^(nvidia\.com\/(gpu(\.shared)?|mig-.+)|amd\.com\/gpu|gpu\.intel\.com\/(i915|xe)|habana\.ai\/gaudi|aws\.amazon\.com\/(neuron|neuroncore|neurondevice)|google\.com\/tpu)$/;

/** Accelerators the container is given: resources matching `accept` with a limit (or request) above 0. */
export function requestedAccelerators(container: Container, accept: (name: string) => boolean = (n) => ACCELERATORS.test(n)): string[] {
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
    return { value: value === undefined || value === null ? '' : String(value), node: entry.get('value') ?? entry };
  }
  return undefined;
}
