import { isMapping, type K8sObject, type Mapping } from '../../../src/model/k8s.js';
import type { Candidate } from './match.js';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Kinds whose `spec.replicas` the API server defaults to 1 before admission. */
const REPLICAS_DEFAULTED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Admission configuration objects (webhook configurations, admission policies and bindings) are never sent to admission policies. */
export function isExemptAdmissionConfiguration(object: K8sObject): boolean {
  return groupOf(object.apiVersion) === 'admissionregistration.k8s.io';
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function namespaceLabels(namespace: K8sObject): Record<string, string> {
  return { ...namespace.labels, [NAMESPACE_NAME_LABEL]: namespace.name ?? '' };
}

/** A Namespace as the API server holds it: with the label naming it, which it sets on every Namespace. */
export function namespaceValue(namespace: K8sObject): Mapping {
  const value = namespace.node.value;
  const metadata = isMapping(value.metadata) ? value.metadata : {};
  return { ...value, metadata: { ...metadata, labels: namespaceLabels(namespace) } };
}

/** The object as the API server validates it: in its namespace, with `spec.replicas` defaulted. */
export function requestObject(object: K8sObject, namespace: string | undefined): Mapping {
  const value: Mapping = { ...object.node.value };
  if (namespace !== undefined && isMapping(value.metadata) && value.metadata.namespace === undefined)
    value.metadata = { ...value.metadata, namespace };
  if (REPLICAS_DEFAULTED.has(object.kind) && isMapping(value.spec) && value.spec.replicas === undefined)
    value.spec = { ...value.spec, replicas: 1 };
  return value;
}

export function requestFor(object: K8sObject, candidate: Candidate, namespace: string | undefined): Mapping {
  const { group, version, resource } = candidate.resource;
  const kind = { group, version, kind: object.kind };
  const gvr = { group, version, resource };
  return {
    kind,
    resource: gvr,
    subResource: '',
    requestKind: kind,
    requestResource: gvr,
    requestSubResource: '',
    name: object.name ?? '',
    namespace: namespace ?? '',
    operation: 'CREATE',
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    dryRun: false,
  };
}
