import type { Container, KNode, Workload } from '../../src/model/k8s.js';
import { compareVersions } from '../../src/util/versions.js';

/** An effective setting of a container and where it was written (for exact positions). */
export interface Resolved<T> {
  value: T;
  node: KNode;
  from: 'container' | 'pod' | 'container-annotation' | 'pod-annotation';
}

/**
 * The profile types of seccomp and AppArmor, with the legacy annotation values mapped onto them:
 * RuntimeDefault, Localhost, Unconfined, or whatever else the manifest says.
 */
export type ProfileType = string;

export interface EffectiveSecurityContext {
  runAsNonRoot?: Resolved<unknown>;
  runAsUser?: Resolved<unknown>;
  runAsGroup?: Resolved<unknown>;
  seccompProfile?: Resolved<ProfileType>;
  appArmorProfile?: Resolved<ProfileType>;
  seLinuxOptions?: Resolved<unknown>;
  windowsHostProcess?: Resolved<unknown>;
}

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** A whole number written as a number or a numeric string; undefined for templated or missing values. */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

export function podSecurityContext(workload: Workload): KNode | undefined {
  return workload.podSpec.get('securityContext');
}

export function containerSecurityContext(container: Container): KNode | undefined {
  return container.node.get('securityContext');
}

/** The pod's annotations mapping: the pod template's, or the Pod's own. */
export function podAnnotations(workload: Workload): KNode | undefined {
  return (workload.template ?? workload.object.node).at('metadata', 'annotations');
}

/** `spec.os.name: windows`: the Pod Security Standards exempt such pods from Linux-only controls (from 1.25). */
export function isWindowsPod(workload: Workload): boolean {
  return workload.podSpec.at('os', 'name')?.value === 'windows';
}

/** `hostUsers: false`: the pod runs in a user namespace, where root is not root on the node. */
export function usesUserNamespace(workload: Workload): boolean {
  return isFalse(workload.podSpec.get('hostUsers')?.value);
}

export function versionAtLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}

/** `runtime/default`, `docker/default` → RuntimeDefault; `localhost/x` → Localhost; `unconfined` → Unconfined. */
export function annotationProfileType(value: unknown): ProfileType | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value === 'runtime/default' || value === 'docker/default') return 'RuntimeDefault';
  if (value.startsWith('localhost/')) return 'Localhost';
  if (value === 'unconfined') return 'Unconfined';
  return value;
}

function present(node: KNode | undefined): node is KNode {
  return node !== undefined && node.value !== null && node.value !== undefined;
}

/** The container's value if set, else the pod's: how the kubelet applies PodSecurityContext defaults. */
function field(container: Container, ...path: string[]): Resolved<unknown> | undefined {
  const own = containerSecurityContext(container)?.at(...path);
  if (present(own)) return { value: own.value, node: own, from: 'container' };
  const pod = podSecurityContext(container.workload)?.at(...path);
  if (present(pod)) return { value: pod.value, node: pod, from: 'pod' };
  return undefined;
}

function profileField(container: Container, key: 'seccompProfile' | 'appArmorProfile', level: 'container' | 'pod'): Resolved<ProfileType> | undefined {
  const context = level === 'container' ? containerSecurityContext(container) : podSecurityContext(container.workload);
  const type = context?.at(key, 'type');
  if (present(type)) return { value: String(type.value), node: type, from: level };
  const profile = context?.get(key);
  // A profile without a type is invalid; report at the profile so the finding has a position.
  if (present(profile)) return { value: '', node: profile, from: level };
  return undefined;
}

function annotation(container: Container, key: string, from: 'container-annotation' | 'pod-annotation'): Resolved<ProfileType> | undefined {
  const node = podAnnotations(container.workload)?.get(key);
  const type = present(node) ? annotationProfileType(node.value) : undefined;
  return node && type !== undefined ? { value: type, node, from } : undefined;
}

/** The seccomp profile in force: container field, container annotation, pod field, pod annotation. */
export function effectiveSeccomp(container: Container, options: { annotations: boolean } = { annotations: true }): Resolved<ProfileType> | undefined {
  return profileField(container, 'seccompProfile', 'container') ??
    (options.annotations ? annotation(container, SECCOMP_CONTAINER_ANNOTATION + container.name, 'container-annotation') : undefined) ??
    profileField(container, 'seccompProfile', 'pod') ??
    (options.annotations ? annotation(container, SECCOMP_POD_ANNOTATION, 'pod-annotation') : undefined);
}

/** The AppArmor profile in force: container field, container annotation, pod field (there is no pod annotation). */
export function effectiveAppArmor(container: Container): Resolved<ProfileType> | undefined {
  return profileField(container, 'appArmorProfile', 'container') ??
    annotation(container, APPARMOR_CONTAINER_ANNOTATION + container.name, 'container-annotation') ??
    profileField(container, 'appArmorProfile', 'pod');
}

/** Every pod-level default resolved into the container, each with the node it came from. */
export function effectiveSecurityContext(container: Container): EffectiveSecurityContext {
  const out: EffectiveSecurityContext = {};
  const set = <K extends keyof EffectiveSecurityContext>(key: K, value: EffectiveSecurityContext[K] | undefined): void => {
    if (value) out[key] = value;
  };
  set('runAsNonRoot', field(container, 'runAsNonRoot'));
  set('runAsUser', field(container, 'runAsUser'));
  set('runAsGroup', field(container, 'runAsGroup'));
  set('seccompProfile', effectiveSeccomp(container));
  set('appArmorProfile', effectiveAppArmor(container));
  set('seLinuxOptions', field(container, 'seLinuxOptions'));
  set('windowsHostProcess', field(container, 'windowsOptions', 'hostProcess'));
  return out;
}

/** The container's capability list (`add` or `drop`) as upper-case names with their nodes. */
export function capabilities(container: Container, list: 'add' | 'drop'): Array<{ name: string; node: KNode }> {
  const items = containerSecurityContext(container)?.at('capabilities', list)?.items() ?? [];
  return items.filter((item) => typeof item.value === 'string').map((item) => ({ name: normalizeCapability(String(item.value)), node: item }));
}

/** `cap_sys_admin`, `CAP_SYS_ADMIN`, `sys_admin` → `SYS_ADMIN` (runtimes accept all of them). */
export function normalizeCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}

/** `name` of the workload for messages: `Deployment "web"`. */
export function describeWorkload(workload: Workload): string {
  return `${workload.object.kind} "${workload.object.name ?? ''}"`;
}

/** The pod's hostPath volumes: the volume's name, its `hostPath.path` node (or the `hostPath` node) and the path. */
export function hostPathVolumes(workload: Workload): Array<{ name: string; volume: KNode; at: KNode; path: string | undefined }> {
  const out: Array<{ name: string; volume: KNode; at: KNode; path: string | undefined }> = [];
  for (const volume of workload.podSpec.get('volumes')?.items() ?? []) {
    const hostPath = volume.get('hostPath');
    if (!hostPath || hostPath.value === null) continue;
    const pathNode = hostPath.get('path');
    const name = volume.get('name')?.value;
    out.push({ name: typeof name === 'string' ? name : '', volume, at: pathNode ?? hostPath, path: typeof pathNode?.value === 'string' ? pathNode.value : undefined });
  }
  return out;
}

/** `/var/run/`, `/var//run` → `/var/run`; `/` stays `/`. */
export function normalizeHostPath(path: string): string {
  const collapsed = path.trim().replace(/\/+/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

/** The container's `ports` entries with the node of one of their fields (`containerPort`, `hostPort`). */
export function containerPorts(container: Container, field: 'containerPort' | 'hostPort'): Array<{ port: number; node: KNode; protocol: string }> {
  const out: Array<{ port: number; node: KNode; protocol: string }> = [];
  for (const entry of container.node.get('ports')?.items() ?? []) {
    const node = entry.get(field);
    const port = node ? asInteger(node.value) : undefined;
    if (!node || port === undefined) continue;
    const protocol = entry.get('protocol')?.value;
    out.push({ port, node, protocol: typeof protocol === 'string' ? protocol.toUpperCase() : 'TCP' });
  }
  return out;
}
