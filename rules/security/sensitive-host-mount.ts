import { defineRule } from '../../src/engine/rule.js';
import { describeWorkload, hostPathVolumes, normalizeHostPath } from '../_lib/security-context.js';
import { describeService } from '../_lib/compose-service.js';

const SENSITIVE_PATHS = [
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
  '/root',
  '/home',
  '/var',
  '/var/run',
  '/run',
  '/etc/kubernetes',
  '/etc/kubernetes/pki',
  '/var/lib/kubelet',
  '/var/lib/kubelet/pki',
  '/var/lib/etcd',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd',
  '/run/containerd',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
  '/var/run/dockershim.sock',
  '/run/podman/podman.sock',
];

export default defineRule({
  meta: {
    id: 'sensitive-host-mount',
    title: 'Pod mounts a sensitive node path',
    severity: 'error',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: [
      'sensitive-host-mounts',
      'docker-sock',
      'CKV_K8S_27',
      'KSV006',
      'KSV-0006',
      'd6355c88-1e8d-49e9-b2f2-f8a1ca12c75b',
      '1c1325ff-831d-43a1-973e-839ae57dfcc0',
    ],
    rationale:
      "Some node paths are the node: the container runtime's socket (`/var/run/docker.sock`, containerd, CRI-O) lets the pod start a privileged container on the node; `/`, `/etc`, `/root`, `/var/lib/kubelet` and `/etc/kubernetes` hold the kubelet's credentials, SSH keys and the files the node executes; `/proc`, `/sys` and `/dev` control the kernel and its devices. Mounting one is equivalent to root on the node. Docker Compose: bind mounts (short `/host:/ctr` and long `type: bind`) of the same paths, the Docker socket first: read-only does not help, the API it serves starts root containers. Differences from KICS (Volume Has Sensitive Host Directory): k8slint judges host paths exactly (a subdirectory such as `/etc/app` is not reported) and never a named or anonymous volume, its target, or a volume driver's options, which KICS reports.",
    remediation:
      "Remove the hostPath volume. To build images use a rootless builder (BuildKit rootless, kaniko) instead of the Docker socket; read node metrics through an agent's API; mount the narrowest subdirectory read-only if the node path is really needed, and suppress with the reason. The `paths` option sets the list (exact paths; trailing slashes are ignored).",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n    - name: ci\n      image: docker:27\n      volumeMounts:\n        - name: docker\n          mountPath: /var/run/docker.sock\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\nspec:\n  containers:\n    - name: ci\n      image: moby/buildkit:rootless\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://docs.kubelinter.io/#/generated/checks?id=sensitive-host-mounts',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          paths: { type: 'array', items: { type: 'string' }, description: 'Node paths that must not be mounted (exact paths).' },
        },
        additionalProperties: false,
      },
      defaults: { paths: SENSITIVE_PATHS },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const sensitive = new Set(
        (Array.isArray(ctx.options.paths) ? ctx.options.paths.map(String) : SENSITIVE_PATHS).map(normalizeHostPath),
      );
      for (const volume of hostPathVolumes(workload)) {
        if (volume.path === undefined || !sensitive.has(normalizeHostPath(volume.path))) continue;
        ctx.report({
          at: volume.at,
          message: `${describeWorkload(workload)} mounts the sensitive node path ${volume.path} (volume "${volume.name}"); remove it or mount a narrower path read-only`,
        });
      }
    },
    'compose:service': (service, ctx) => {
      const sensitive = new Set(
        (Array.isArray(ctx.options.paths) ? ctx.options.paths.map(String) : SENSITIVE_PATHS).map(normalizeHostPath),
      );
      for (const mount of service.volumes) {
        if (mount.type !== 'bind' || mount.interpolated || mount.source === undefined) continue;
        const path = normalizeHostPath(mount.source);
        if (!sensitive.has(path)) continue;
        const socket = path.endsWith('.sock');
        ctx.report({
          at: mount.syntax === 'long' ? (mount.node.get('source') ?? mount.node) : mount.node,
          message: socket
            ? `${describeService(service)} mounts the container runtime socket ${mount.source}${mount.readOnly ? ' (read-only still lets it start containers as root on the host)' : ''}: whoever controls the service controls the host; remove it or put a socket proxy that allows only the calls needed`
            : `${describeService(service)} mounts the sensitive host path ${mount.source}; remove it or mount a narrower path read-only`,
        });
      }
    },
  },
});
