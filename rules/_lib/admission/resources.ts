import { isMapping, type K8sObject } from '../../../src/model/k8s.js';
import { CLUSTER_SCOPED_KINDS } from '../object-index.js';

/** What the API server calls an object's type in an admission request: group, version, resource (plural) and scope. */
export interface ResourceOf {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  /** The plural came from the built-in table or a CRD of the run, not from a guess. */
  known: boolean;
}

/** Built-in kinds whose plural is not the kind lowercased plus `s` (or `es` after s/x/ch/sh, `ies` after a consonant and y). */
const IRREGULAR_PLURALS: Record<string, string> = {
  Endpoints: 'endpoints',
  NetworkPolicy: 'networkpolicies',
  PodSecurityPolicy: 'podsecuritypolicies',
  ResourceQuota: 'resourcequotas',
  ComponentStatus: 'componentstatuses',
};

/** Built-in groups: a kind of these groups maps to its resource by the plural rule; anything else needs a CRD of the run. */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'node.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'certificates.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
  'events.k8s.io',
  'extensions',
]);

/** Kinds the run's CustomResourceDefinitions declare: `group/Kind` → plural and scope. */
export class CustomResources {
  private readonly byKind = new Map<string, { plural: string; namespaced: boolean }>();

  constructor(objects: readonly K8sObject[]) {
    for (const object of objects) {
      if (object.kind !== 'CustomResourceDefinition') continue;
      const spec = object.node.value.spec;
      if (!isMapping(spec) || !isMapping(spec.names) || typeof spec.group !== 'string') continue;
      const { kind, plural } = spec.names;
      if (typeof kind !== 'string' || typeof plural !== 'string') continue;
      this.byKind.set(`${spec.group}/${kind}`, { plural, namespaced: spec.scope !== 'Cluster' });
    }
  }

  get(group: string, kind: string): { plural: string; namespaced: boolean } | undefined {
    return this.byKind.get(`${group}/${kind}`);
  }
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function resourceOf(object: { apiVersion: string; kind: string }, crds: CustomResources): ResourceOf {
  const { group, version } = splitApiVersion(object.apiVersion);
  const custom = crds.get(group, object.kind);
  if (custom) return { group, version, resource: custom.plural, namespaced: custom.namespaced, known: true };
  return {
    group,
    version,
    resource: pluralOf(object.kind),
    namespaced: !CLUSTER_SCOPED_KINDS.has(object.kind),
    known: BUILT_IN_GROUPS.has(group),
  };
}

/** The plural the API server's REST mapper guesses for a kind (the built-in kinds follow it but for a few). */
export function pluralOf(kind: string): string {
  const irregular = IRREGULAR_PLURALS[kind];
  if (irregular) return irregular;
  const lower = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
