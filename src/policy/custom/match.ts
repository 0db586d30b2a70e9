import type { K8sObject } from '../../model/k8s.js';
import { selectorMatches } from '../../../rules/_lib/workload.js';
import { CLUSTER_SCOPED_KINDS } from '../../../rules/_lib/object-index.js';
import { wildcardMatch } from '../../../rules/_lib/wildcard.js';
import type { ComposeMatch, KubernetesMatch } from './schema.js';

/** `apps/v1` → `apps`, `v1` → `` (the core group), as `apiGroups` of an admission rule name them. */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** The namespace an object lands in: its own, else the run's default; undefined for cluster-scoped kinds. */
export function namespaceOf(object: K8sObject, defaultNamespace: string | undefined): string | undefined {
  if (CLUSTER_SCOPED_KINDS.has(object.kind)) return undefined;
  return object.namespace ?? defaultNamespace ?? 'default';
}

const anyOf = (list: readonly string[] | undefined, value: string): boolean =>
  list === undefined || list.some((pattern) => pattern === '*' || wildcardMatch(pattern, value));

/**
 * Whether a rule's `match.kubernetes` selects the object: group, kind (`*` and globs allowed),
 * namespace (cluster-scoped objects match only when no namespace is named), labels.
 */
export function matchesObject(match: KubernetesMatch, object: K8sObject, defaultNamespace: string | undefined): boolean {
  if (!anyOf(match.apiGroups, apiGroupOf(object.apiVersion))) return false;
  if (!anyOf(match.kinds, object.kind)) return false;
  const namespace = namespaceOf(object, defaultNamespace);
  if (match.namespaces !== undefined && (namespace === undefined || !anyOf(match.namespaces, namespace))) return false;
  if (match.excludedNamespaces !== undefined && namespace !== undefined && anyOf(match.excludedNamespaces, namespace)) return false;
  return match.labelSelector === undefined || selectorMatches(match.labelSelector, object.labels);
}

export function matchesService(match: ComposeMatch, name: string): boolean {
  return match.services === undefined || match.services.some((pattern) => wildcardMatch(pattern, name));
}
