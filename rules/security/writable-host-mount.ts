import { defineRule } from '../../src/engine/rule.js';
import { hostPathVolumes, isTrue } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'writable-host-mount',
    title: 'Container mounts a hostPath volume writable',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: [],
    rationale:
      "A writable hostPath mount lets the container change files of the node: plant a binary, a cron job or a systemd unit, rewrite the kubelet's configuration or another pod's data. Most agents that mount node paths only need to read them. Opt-in (on in the `strict` preset), since some node agents must write (CSI plugins, log collectors keeping their position files).",
    remediation:
      "Add `readOnly: true` to the container's `volumeMounts` entry of the hostPath volume; keep the writable mounts the agent really needs and suppress them with the reason.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: logs\nspec:\n  containers:\n    - name: logs\n      image: fluent-bit:3.1\n      volumeMounts:\n        - name: varlog\n          mountPath: /var/log\n  volumes:\n    - name: varlog\n      hostPath:\n        path: /var/log\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: logs\nspec:\n  containers:\n    - name: logs\n      image: fluent-bit:3.1\n      volumeMounts:\n        - name: varlog\n          mountPath: /var/log\n          readOnly: true\n  volumes:\n    - name: varlog\n      hostPath:\n        path: /var/log\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://docs.kubelinter.io/#/generated/checks?id=writable-host-mount',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const hostPaths = new Map(hostPathVolumes(container.workload).map((v) => [v.name, v.path]));
      if (hostPaths.size === 0) return;
      for (const mount of container.node.get('volumeMounts')?.items() ?? []) {
        const name = mount.get('name')?.value;
        if (typeof name !== 'string' || !hostPaths.has(name) || isTrue(mount.get('readOnly')?.value)) continue;
        const at = mount.get('mountPath') ?? mount;
        ctx.report({
          at,
          message: `container "${container.name}" mounts the node path ${hostPaths.get(name) ?? ''} (volume "${name}") writable; add readOnly: true`,
        });
      }
    },
  },
});
