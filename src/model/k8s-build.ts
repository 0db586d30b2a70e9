import { YamlFile, YamlParseError } from '../parsers/yaml.js';
import type { SourceFile } from '../types.js';
import { modelNode, type ModelNode } from './node.js';
import { isToolConfig } from './kustomize.js';
import { DEFAULT_LIMITS, overBudget, type Limits } from '../util/limits.js';
import {
  KNode,
  isMapping,
  objectId,
  stringMap,
  type Container,
  type ContainerType,
  type K8sObject,
  type Mapping,
  type Workload,
} from './k8s.js';

export interface KubernetesModel {
  file: YamlFile;
  objects: K8sObject[];
  /** Documents that are tool configurations (a Kustomization, kind's Cluster…), not objects: `Kind apiVersion` of each. */
  toolConfigs: string[];
  workloads: Workload[];
  containers: Container[];
  /** The file's first character, for findings about the file as a whole. */
  start: ModelNode;
}

/** Where the pod template sits in the built-in workload kinds. */
const TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** Kinds that never hold a pod template; the generic search skips them (CRD bundles are large). */
const NO_POD_KINDS = new Set([
  'CustomResourceDefinition',
  'ConfigMap',
  'Secret',
  'Service',
  'ServiceAccount',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'Namespace',
  'Ingress',
  'NetworkPolicy',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'PriorityClass',
  'LimitRange',
  'ResourceQuota',
  'Endpoints',
  'EndpointSlice',
  'IngressClass',
  'Certificate',
  'Issuer',
  'ClusterIssuer',
]);

const CONTAINER_LISTS: Array<[string, ContainerType]> = [
  ['initContainers', 'init'],
  ['containers', 'regular'],
  ['ephemeralContainers', 'ephemeral'],
];

const GENERIC_SEARCH_DEPTH = 14;
const PATCH_PATH = /(^|[/._-])(patch|patches|patchesStrategicMerge)([/._-]|$)/i;
const BUILT_IN_GROUP = /^(v1|(apps|batch|extensions)\/[^/]+)$/;

/** Throws YamlParseError for a syntax error or an input over a budget (see Limits). */
export function buildKubernetesModel(source: SourceFile, limits: Partial<Limits> = {}): KubernetesModel {
  const file = new YamlFile(source, limits);
  const objects: K8sObject[] = [];
  const maxObjects = limits.maxObjectsPerFile ?? DEFAULT_LIMITS.maxObjectsPerFile;
  const partial = isPartialFile(source);
  const toolConfigs: string[] = [];
  // A file kustomize only reads (generator data, plugin configs) is never applied, whatever it holds.
  const inputOnly = source.kustomize !== undefined && source.kustomize.config && !source.kustomize.resource && !source.kustomize.patch;
  const context = { partial, maxObjects, toolConfigs, inputOnly };
  file.documents.forEach((value, doc) => {
    if (isHelmChartMetadata(source, value)) toolConfigs.push('Helm chart metadata');
    else collectObjects(new KNode(file, doc, [], value), objects, context);
  });
  const workloads = objects.flatMap(findWorkloads);
  const start = modelNode({ span: { line: 1, column: 1, endLine: 1, endColumn: 2 } }, source);
  return { file, objects, toolConfigs, workloads, containers: workloads.flatMap((w) => w.containers), start };
}

/**
 * Whether a file holds kustomize patches rather than whole objects: a kustomization of the run
 * names it as a patch (and not also as a resource); or, when none names it, it is named or filed as
 * a patch (`patches/…`, `…_patch.yaml`); or it uses a strategic-merge directive (`$patch:`).
 */
function isPartialFile(source: SourceFile): boolean {
  const named = source.kustomize;
  if (named && (named.patch || named.resource)) return named.patch && !named.resource;
  return PATCH_PATH.test(source.displayPath) || source.text.includes('$patch:');
}

/** A Helm chart's `Chart.yaml`: `apiVersion: v1|v2` with the chart's name and version, read by helm, never applied. */
function isHelmChartMetadata(source: SourceFile, value: unknown): boolean {
  return (
    /(^|\/)Chart\.ya?ml$/.test(source.displayPath) &&
    isMapping(value) &&
    (value.apiVersion === 'v1' || value.apiVersion === 'v2') &&
    typeof value.name === 'string' &&
    value.version !== undefined
  );
}

interface CollectContext {
  partial: boolean;
  maxObjects: number;
  toolConfigs: string[];
  inputOnly: boolean;
}

function collectObjects(node: KNode, out: K8sObject[], file: CollectContext): void {
  const value = node.value;
  if (!isMapping(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') return;
  if (file.inputOnly || isToolConfig(value.apiVersion, value.kind)) {
    file.toolConfigs.push(`${value.kind} ${value.apiVersion}`);
    return;
  }
  if (value.kind.endsWith('List') && Array.isArray(value.items)) {
    for (const item of node.get('items')!.items()) collectObjects(item, out, file);
    return;
  }
  if (out.length >= file.maxObjects)
    throw new YamlParseError(
      `holds more than ${file.maxObjects} Kubernetes objects, ${overBudget('maxObjectsPerFile', file.maxObjects, 'object')}`,
    );
  const metadata = isMapping(value.metadata) ? value.metadata : {};
  const name =
    typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const object: K8sObject = {
    file: node.file,
    node: node as KNode<Mapping>,
    apiVersion: value.apiVersion,
    kind: value.kind,
    name,
    namespace,
    id: objectId(value.kind, namespace, name),
    annotations: stringMap(metadata.annotations),
    labels: stringMap(metadata.labels),
    partial: file.partial,
  };
  object.node = node.ownedBy(object) as KNode<Mapping>;
  out.push(object);
}

function findWorkloads(object: K8sObject): Workload[] {
  const templatePath = TEMPLATE_PATHS[object.kind];
  if (templatePath && BUILT_IN_GROUP.test(object.apiVersion)) {
    if (object.kind === 'Pod') {
      const spec = object.node.get('spec');
      return spec && isMapping(spec.value) ? [makeWorkload(object, spec as KNode<Mapping>, object.node)] : [];
    }
    const template = object.node.at(...templatePath);
    const spec = template?.get('spec');
    return template && spec && isMapping(spec.value) ? [makeWorkload(object, spec as KNode<Mapping>, template as KNode<Mapping>)] : [];
  }
  if (NO_POD_KINDS.has(object.kind)) return [];
  const found: Workload[] = [];
  searchPodSpecs(object, object.node, undefined, 0, found);
  return found;
}

/** Finds pod specs inside custom resources: any mapping whose `containers` is a list of named or imaged mappings. */
function searchPodSpecs(object: K8sObject, node: KNode, parent: KNode | undefined, depth: number, out: Workload[]): void {
  if (depth > GENERIC_SEARCH_DEPTH) return;
  const value = node.value;
  if (Array.isArray(value)) {
    node.items().forEach((item) => searchPodSpecs(object, item, node, depth + 1, out));
    return;
  }
  if (!isMapping(value)) return;
  if (depth > 0 && looksLikePodSpec(value)) {
    const lastKey = node.path[node.path.length - 1];
    const template = lastKey === 'spec' && parent && isMapping(parent.value) ? (parent as KNode<Mapping>) : undefined;
    out.push(makeWorkload(object, node as KNode<Mapping>, template));
    return;
  }
  for (const [key, child] of node.entries()) {
    if (key === 'metadata' || key === 'status') continue;
    if (typeof child.value === 'object' && child.value !== null) searchPodSpecs(object, child, node, depth + 1, out);
  }
}

function looksLikePodSpec(value: Mapping): boolean {
  const containers = value.containers;
  return (
    Array.isArray(containers) &&
    containers.length > 0 &&
    containers.every((c) => isMapping(c) && (typeof c.name === 'string' || typeof c.image === 'string'))
  );
}

function makeWorkload(object: K8sObject, podSpec: KNode<Mapping>, template: KNode<Mapping> | undefined): Workload {
  const metadata = template && template !== object.node ? template.value.metadata : undefined;
  const workload: Workload = {
    object,
    podSpec,
    template,
    templateLabels: stringMap(isMapping(metadata) ? metadata.labels : template === object.node ? object.labels : undefined),
    templateAnnotations: stringMap(isMapping(metadata) ? metadata.annotations : undefined),
    containers: [],
  };
  for (const [key, type] of CONTAINER_LISTS) {
    const list = podSpec.get(key);
    if (!list) continue;
    for (const item of list.items()) {
      if (!isMapping(item.value)) continue;
      workload.containers.push({
        workload,
        node: item as KNode<Mapping>,
        name: typeof item.value.name === 'string' ? item.value.name : `#${String(item.path[item.path.length - 1])}`,
        type,
        image: typeof item.value.image === 'string' ? item.value.image : undefined,
      });
    }
  }
  return workload;
}
