import { join } from 'node:path';
import { packageRoot, readJson } from './paths.js';
import { compareVersions, parseVersion } from '../util/versions.js';

export { compareVersions, parseVersion };

export interface BundledVersion {
  /** `1.36.0` */
  version: string;
  /** Absolute path of `v1.36.0-standalone-strict`. */
  directory: string;
}

let versions: BundledVersion[] | undefined;

/** The bundled schema versions, newest first (from schemas/kubernetes/index.json). */
export function bundledVersions(): BundledVersion[] {
  if (versions) return versions;
  const root = join(packageRoot(), 'schemas', 'kubernetes');
  const index = readJson<{ versions: Array<{ version: string; directory: string }> }>(join(root, 'index.json'));
  versions = index.versions.map((v) => ({ version: v.version, directory: join(root, v.directory) }));
  versions.sort((a, b) => compareVersions(b.version, a.version));
  return versions;
}

/**
 * The bundled schemas for a target version: the newest bundled minor at or below it, else the
 * oldest bundled one (1.35 → 1.34, 1.40 → 1.36, 1.29 → 1.32). Patch releases share their minor's schemas.
 */
export function bundledVersionFor(target: string): BundledVersion {
  const [major, minor] = parseVersion(target);
  const all = bundledVersions();
  const wanted = `${major}.${minor}.0`;
  return all.find((v) => compareVersions(v.version, wanted) <= 0) ?? all[all.length - 1];
}

/** `1.36` → `1.36.0` (for `{{ .NormalizedKubernetesVersion }}`, which adds the `v`). */
export function fullVersion(target: string): string {
  const [major, minor, patch] = parseVersion(target);
  return `${major}.${minor}.${patch ?? 0}`;
}
