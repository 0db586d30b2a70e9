import { describeService } from '../_lib/compose-service.js';
import { defineRule } from '../../src/engine/rule.js';
import { composeString } from '../../src/model/compose-build.js';
import type { ComposeMount } from '../../src/model/compose.js';
import type { KNode } from '../../src/model/k8s.js';

/** Propagation modes that connect the mount with the host's mount table (`private`/`rprivate`, the default, do not). */
const SHARED = new Set(['shared', 'rshared']);
const RECEIVING = new Set(['slave', 'rslave']);

/** The propagation mode of a bind mount with the node that sets it (the long syntax's value or the short syntax's item). */
function propagationOf(mount: ComposeMount): { node: KNode; mode: string } | undefined {
  if (mount.syntax === 'long') {
    const node = mount.node.at('bind', 'propagation');
    const value = composeString(node);
    const mode = value?.interpolation.literal ? value.text.trim().toLowerCase() : undefined;
    return node && mode !== undefined && (SHARED.has(mode) || RECEIVING.has(mode)) ? { node, mode } : undefined;
  }
  const value = composeString(mount.node);
  if (mount.type !== 'bind' || !value?.interpolation.literal) return undefined;
  // `SOURCE:TARGET:OPTIONS`, the options separated by commas (`ro,rshared`).
  const parts = value.text.split(':');
  if (parts.length < 3) return undefined;
  const mode = (parts[parts.length - 1] ?? '')
    .split(',')
    .map((o) => o.trim().toLowerCase())
    .find((o) => SHARED.has(o) || RECEIVING.has(o));
  return mode ? { node: mount.node, mode } : undefined;
}

export default defineRule({
  meta: {
    id: 'compose-mount-propagation',
    title: 'Bind mount shares mounts with the host',
    severity: 'warning',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['baa452f0-1f21-4a25-ace5-844e7a5f410d'],
    rationale:
      'A bind mount is `rprivate` by default: what is mounted inside it on one side stays invisible on the other. With `shared`/`rshared` propagation a mount made in the container (a FUSE file system, a tmpfs over a directory) appears on the host and in every other container that mounts the same tree; with `slave`/`rslave` mounts made on the host appear in the container. It is the Compose counterpart of Kubernetes `mountPropagation: Bidirectional` (which needs a privileged container) and `HostToContainer`. Reported: `bind.propagation:` (long syntax) and the propagation option of a short entry (`/mnt:/mnt:rshared`) with one of those four modes. Opt-in: a container needs `SYS_ADMIN` or `privileged` to mount anything (reported by `capabilities-added` and `privileged-container`), and the services that set propagation (storage drivers, `rclone mount`, node agents) do it on purpose. KICS "Volume Mounted In Multiple Containers" reports the same four modes.',
    remediation:
      'Remove the propagation option (or set `rprivate`). A service that must publish mounts to the host should say why in a suppression.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  rclone:\n    image: rclone/rclone:1.68\n    volumes:\n      - type: bind\n        source: /mnt/remote\n        target: /data\n        bind:\n          propagation: rshared\n',
        good: 'services:\n  rclone:\n    image: rclone/rclone:1.68\n    volumes:\n      - type: bind\n        source: /mnt/remote\n        target: /data\n',
      },
    ],
    references: [
      'https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation',
      'https://docs.docker.com/reference/compose-file/services/#long-syntax-5',
    ],
  },
  handlers: {
    'compose:service': (service, ctx) => {
      for (const mount of service.volumes) {
        const propagation = propagationOf(mount);
        if (!propagation) continue;
        const { node, mode } = propagation;
        ctx.report({
          at: node,
          message: SHARED.has(mode)
            ? `${describeService(service)} mounts ${mount.source ?? 'a path'} with ${mode} propagation: mounts made in the container appear on the host`
            : `${describeService(service)} mounts ${mount.source ?? 'a path'} with ${mode} propagation: mounts made on the host appear in the container`,
        });
      }
    },
  },
});
