const NATIVE = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);

/**
 * Extended resources (GPUs, accelerators, RDMA, hugepages…): the API server requires their
 * request to equal their limit and both to be whole numbers, since they cannot be overcommitted.
 */
export function isNonOvercommittable(resourceName: string): boolean {
  if (resourceName.startsWith('hugepages-')) return true;
  if (NATIVE.has(resourceName)) return false;
  return resourceName.includes('/') && !resourceName.startsWith('kubernetes.io/') && !resourceName.includes('.kubernetes.io/');
}
