import { compareDottedVersions } from '../../_lib/cuda.js';

/**
 * Versions of the Dynamic Resource Allocation API (`resource.k8s.io`) and the Kubernetes releases that serve
 * them (kubernetes.io DRA pages and release notes; ai-rules reference §2.9).
 */
export interface DraApiVersion {
  version: string;
  servedFrom: string;
  deprecatedIn?: string;
  removedIn?: string;
  /** Requests nest class, count and selectors under `exactly` (v1beta2 and v1) rather than carrying them directly. */
  nestedRequests: boolean;
}

export const DRA_API_VERSIONS: readonly DraApiVersion[] = [
  { version: 'v1alpha1', servedFrom: '1.26', removedIn: '1.27', nestedRequests: false },
  { version: 'v1alpha2', servedFrom: '1.27', removedIn: '1.31', nestedRequests: false },
  { version: 'v1alpha3', servedFrom: '1.31', deprecatedIn: '1.32', removedIn: '1.34', nestedRequests: false },
  { version: 'v1beta1', servedFrom: '1.32', deprecatedIn: '1.33', nestedRequests: false },
  { version: 'v1beta2', servedFrom: '1.33', deprecatedIn: '1.34', nestedRequests: true },
  { version: 'v1', servedFrom: '1.34', nestedRequests: true },
];

/** Kinds of "classic" DRA (driver-side allocation), gone with v1alpha3 in 1.31. */
export const CLASSIC_DRA_KINDS: readonly string[] = ['ResourceClass', 'PodSchedulingContext', 'ResourceClaimParameters', 'ResourceClassParameters'];

export function draApiVersion(apiVersion: string): DraApiVersion | undefined {
  if (!apiVersion.startsWith('resource.k8s.io/')) return undefined;
  const version = apiVersion.slice('resource.k8s.io/'.length);
  return DRA_API_VERSIONS.find((entry) => entry.version === version);
}

/** `1.34.2` is at least `1.34`; numeric per part. */
export const atLeast = (version: string, minimum: string): boolean => compareDottedVersions(version.replace(/^v/, ''), minimum) >= 0;
