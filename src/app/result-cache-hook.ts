import type { Config } from '../config/load.js';
import { ResultCache } from './result-cache.js';
import type { Selection } from './select.js';
import type { LintProjectOptions } from './lint-project.js';
import { VERSION } from './version.js';

/**
 * The result cache for a run with `cache: true`, or undefined: not asked for, or a run whose
 * results depend on more than the files and settings the cache keys on: `--schema-location` and
 * `--crd` schemas (which may change without k8slint knowing) and `--timing` (which must run the rules).
 */
export function resultCacheFor(
  options: LintProjectOptions,
  config: Config,
  selection: Selection,
  kubernetesVersion: string,
  defaultNamespace?: string,
): ResultCache | undefined {
  if (!options.cache || options.timing) return undefined;
  if ((options.schemaLocations?.length ?? 0) > 0 || (options.crds?.length ?? 0) > 0) return undefined;
  return new ResultCache({
    cwd: options.cwd,
    paths: options.paths,
    ...(options.cacheLocation !== undefined && { cacheLocation: options.cacheLocation }),
    config,
    selection,
    kubernetesVersion,
    ...(defaultNamespace !== undefined && { defaultNamespace }),
    strictSchemas: Boolean(options.strictSchemas ?? config.strictSchemas),
    reportVersion: options.version ?? VERSION,
  });
}
