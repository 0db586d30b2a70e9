import type { Severity } from '../types.js';

/** The Kubernetes version manifests target unless the caller or the config says otherwise. */
export const LATEST_KUBERNETES = '1.36';

export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = Severity | 'none';

/** The lowest severity that fails a run unless the caller or the config says otherwise. */
export const DEFAULT_FAIL_ON: FailOn = 'warning';

export function isFailOn(value: string): value is FailOn {
  return (FAIL_ON as readonly string[]).includes(value);
}

/** A Kubernetes namespace name: a DNS label (RFC 1123), at most 63 characters. */
export function isNamespaceName(value: string): boolean {
  return value.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value);
}

/** `1.36`, `v1.36` or `1.36.2` → `1.36`-style without the `v`; undefined when it does not look like a version. */
export function normalizeKubernetesVersion(value: string): string | undefined {
  return /^v?\d+\.\d+(\.\d+)?$/.test(value) ? value.replace(/^v/, '') : undefined;
}
