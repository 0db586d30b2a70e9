import type { KustomizeBuild, KustomizeImage, KustomizeLayer } from '../types.js';
import type { Container, K8sObject } from './k8s.js';

/**
 * What kustomize makes of the files it builds, known without running it: the image a container
 * ends up with, and the name, namespace and labels an object gets. The kustomization files are
 * read by src/discover/kustomize.ts, which records on each file it names the builds that include it.
 */

/**
 * API groups of configuration files that carry `apiVersion` and `kind` but are read by a tool and
 * never sent to a cluster: kustomize's own files and plugin configs, kind/k3d/kubeadm cluster
 * configs, component configs (kubelet, scheduler, controller-runtime managers), operator-sdk's
 * scorecard, skaffold and holodeck.
 */
const TOOL_CONFIG_GROUPS = new Set([
  'kustomize.config.k8s.io',
  'config.kubernetes.io',
  'kpt.dev',
  'fn.kpt.dev',
  'kind.x-k8s.io',
  'k3d.io',
  'ctlptl.dev',
  'kubeadm.k8s.io',
  'kubelet.config.k8s.io',
  'kubeproxy.config.k8s.io',
  'kubescheduler.config.k8s.io',
  'apiserver.config.k8s.io',
  'controller-runtime.sigs.k8s.io',
  'clusterctl.cluster.x-k8s.io',
  'scorecard.operatorframework.io',
  'holodeck.nvidia.com',
]);

/** Kinds of kustomize's built-in plugins, configured with `apiVersion: builtin`. */
const BUILTIN_API_VERSION = 'builtin';

/** Whether an object with this apiVersion and kind is a tool's configuration, not a Kubernetes object. */
export function isToolConfig(apiVersion: string, kind: string): boolean {
  if (apiVersion === BUILTIN_API_VERSION) return true;
  // skaffold: `apiVersion: skaffold/v4beta11`, `kind: Config`.
  if (/^skaffold\/v\w+$/.test(apiVersion) && kind === 'Config') return true;
  const slash = apiVersion.lastIndexOf('/');
  return slash > 0 && TOOL_CONFIG_GROUPS.has(apiVersion.slice(0, slash));
}

/** The image reference kustomize writes after one `images:` entry, or undefined when the entry does not match. */
export function applyImageOverride(image: string, override: KustomizeImage): string | undefined {
  // As kustomize's IsImageMatched: the name, then optionally a digest algorithm and a tag.
  const matched = new RegExp(`^${escapeRegExp(override.name)}(@sha256)?(:[\\w][\\w.-]{0,127})?$`).test(image);
  if (!matched) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (override.newName) name = override.newName;
  if (override.newTag && override.digest) {
    tag = override.newTag;
    digest = override.digest;
  } else if (override.newTag) {
    tag = override.newTag;
    digest = '';
  } else if (override.digest) {
    tag = '';
    digest = override.digest;
  }
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

/** kustomize's image.Split: name, tag and digest (without their `:` and `@`). */
function splitImage(image: string): { name: string; tag: string; digest: string } {
  const at = image.indexOf('@');
  const digest = at === -1 ? '' : image.slice(at + 1);
  const rest = at === -1 ? image : image.slice(0, at);
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  return colon === -1 ? { name: rest, tag: '', digest } : { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The image after every layer of a build, innermost first (each layer's entries in order, as kustomize applies them). */
export function imageAfterBuild(image: string, build: KustomizeBuild): string {
  let current = image;
  for (const layer of build.layers) for (const override of layer.images) current = applyImageOverride(current, override) ?? current;
  return current;
}

export interface KustomizedImage {
  /** The image reference as applied. */
  image: string;
  /** The root kustomization of the build that sets it; undefined for the image as written (no kustomization includes the file). */
  root?: string;
  /** The kustomization whose `images:` entry last changed it, when one did. */
  setBy?: string;
}

/**
 * The images a container runs in each kustomize build that includes its file (an overlay's pin
 * covers the bases it includes), one entry per distinct result; the written image alone when no
 * kustomization of the run includes the file.
 */
export function kustomizedImages(container: Container): KustomizedImage[] {
  const image = container.image;
  if (image === undefined) return [];
  const builds = container.workload.object.file.source.kustomize?.builds ?? [];
  if (builds.length === 0) return [{ image }];
  const out = new Map<string, KustomizedImage>();
  for (const build of builds) {
    let current = image;
    let setBy: string | undefined;
    for (const layer of build.layers)
      for (const override of layer.images) {
        const next = applyImageOverride(current, override);
        if (next !== undefined) {
          current = next;
          setBy = layer.kustomization;
        }
      }
    if (!out.has(current)) out.set(current, { image: current, root: build.root, ...(setBy !== undefined && { setBy }) });
  }
  return [...out.values()];
}

/** Kinds the namespace transformer leaves alone (cluster-scoped). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
  'Node',
  'PodSecurityPolicy',
  'VolumeSnapshotClass',
  'DeviceClass',
]);

/** An object's identity as one kustomize build produces it. */
export interface KustomizedIdentity {
  /** Display path of the build's root kustomization. */
  root: string;
  name?: string;
  namespace?: string;
  /** `metadata.labels` after the build. */
  labels: Record<string, string>;
  /** Labels the build adds to selectors (Service `spec.selector`, workload `spec.selector.matchLabels`). */
  selectorLabels: Record<string, string>;
  /** Labels the build adds to pod templates. */
  templateLabels: Record<string, string>;
}

/**
 * The identities an object gets in each kustomize build that includes its file (name prefix and
 * suffix, namespace, labels), one per build; empty when no kustomization of the run includes it.
 * Objects of patches (`object.partial`) name their target, so their identity is the target's.
 */
export function kustomizedIdentities(object: K8sObject): KustomizedIdentity[] {
  const builds = object.file.source.kustomize?.builds ?? [];
  return builds.map((build) => identityAfter(object, build.root, build.layers));
}

function identityAfter(object: K8sObject, root: string, layers: readonly KustomizeLayer[]): KustomizedIdentity {
  let name = object.name;
  let namespace = object.namespace;
  const labels = { ...object.labels };
  const selectorLabels: Record<string, string> = {};
  const templateLabels: Record<string, string> = {};
  const clusterScoped = CLUSTER_SCOPED.has(object.kind);
  for (const layer of layers) {
    // kustomize's prefix/suffix transformer renames every kind but CustomResourceDefinitions.
    if (name !== undefined && object.kind !== 'CustomResourceDefinition')
      name = `${layer.namePrefix ?? ''}${name}${layer.nameSuffix ?? ''}`;
    if (layer.namespace !== undefined && !clusterScoped) namespace = layer.namespace;
    Object.assign(labels, layer.labels);
    Object.assign(selectorLabels, layer.selectorLabels);
    Object.assign(templateLabels, layer.templateLabels);
  }
  return {
    root,
    ...(name !== undefined && { name }),
    ...(namespace !== undefined && { namespace }),
    labels,
    selectorLabels,
    templateLabels,
  };
}

/**
 * The one identity every kustomize build that includes the object's file agrees on (name and
 * namespace; labels of the first build), or undefined when no kustomization includes it or the
 * builds disagree (overlays for several namespaces): then the object as written is all there is.
 */
export function kustomizedIdentity(object: K8sObject): KustomizedIdentity | undefined {
  const [first, ...others] = kustomizedIdentities(object);
  if (!first) return undefined;
  return others.every((o) => o.name === first.name && o.namespace === first.namespace) ? first : undefined;
}
