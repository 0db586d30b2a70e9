import { dirname } from 'node:path';
import { isMapping, type Container, type K8sObject, type Workload } from '../../src/model/k8s.js';

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

/** Resources a LimitRange fills in for a container that leaves them unset. */
export interface LimitRangeDefaults {
  requests: ReadonlySet<string>;
  limits: ReadonlySet<string>;
  /** The LimitRange that supplies them, for messages. */
  names: string[];
}

const NO_DEFAULTS: LimitRangeDefaults = { requests: new Set(), limits: new Set(), names: [] };

/**
 * For each workload, what the LimitRanges of its namespace among the linted objects default, as
 * the API server fills in a `type: Container` item: a missing `default` is the `max`, a missing
 * `defaultRequest` is the `default`, then the `min`. A LimitRange without a namespace counts for
 * workloads of the same folder; one with a namespace for workloads of that namespace (or of the
 * same folder when the workload has none, since it is applied with `-n`).
 */
export function limitRangeDefaultsFor(objects: readonly K8sObject[]): (workload: Workload) => LimitRangeDefaults {
  const ranges = objects.filter((o) => o.kind === 'LimitRange' && o.apiVersion === 'v1');
  if (ranges.length === 0) return () => NO_DEFAULTS;
  return (workload) => {
    const requests = new Set<string>();
    const limits = new Set<string>();
    const names: string[] = [];
    for (const range of ranges) {
      const ns = workload.object.namespace;
      const sameFolder = dirname(range.file.source.path) === dirname(workload.object.file.source.path);
      if (range.namespace !== undefined && ns !== undefined ? range.namespace !== ns : !sameFolder) continue;
      const spec = range.node.value.spec;
      for (const item of isMapping(spec) && Array.isArray(spec.limits) ? spec.limits : []) {
        if (!isMapping(item) || item.type !== 'Container') continue;
        const keys = (field: string): string[] => (isMapping(item[field]) ? Object.keys(item[field]) : []);
        const defaultLimits = [...keys('default'), ...keys('max')];
        defaultLimits.forEach((k) => limits.add(k));
        [...defaultLimits, ...keys('defaultRequest'), ...keys('min')].forEach((k) => requests.add(k));
        if (!names.includes(range.name ?? '')) names.push(range.name ?? '');
      }
    }
    return { requests, limits, names };
  };
}

/** `resources.<section>.<name>` of a container, or undefined. */
export function resourceOf(container: Container, section: 'requests' | 'limits', name: string): unknown {
  const resources = container.node.value.resources;
  const part = isMapping(resources) ? resources[section] : undefined;
  return isMapping(part) ? part[name] : undefined;
}

export function isUnsetQuantity(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Containers that can carry resources and whose object is whole: not ephemeral, not in a kustomize patch. */
export function judgedForResources(container: Container): boolean {
  return container.type !== 'ephemeral' && !container.workload.object.partial;
}
