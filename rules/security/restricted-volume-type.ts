import { defineRule } from '../../src/engine/rule.js';
import { describeWorkload } from '../_lib/security-context.js';

/** Volume sources the Pod Security Standards (Restricted) allow: core, ephemeral or PersistentVolume-backed. */
const ALLOWED_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

export default defineRule({
  meta: {
    id: 'restricted-volume-type',
    title: 'Pod uses a volume type outside the restricted set',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['restrictedVolumes', 'KSV028', 'KSV-0028', 'KSV121', 'KSV-0121'],
    rationale:
      'Inline volume sources such as `hostPath`, `nfs`, `iscsi`, `rbd`, `cephfs`, `gitRepo` or `flexVolume` let whoever writes the pod reach node paths, storage servers and credentials directly, bypassing the PersistentVolume layer where an administrator controls them (`gitRepo` even runs `git` on the node). The Pod Security Standards (Restricted) allow only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. Opt-in (on in the `strict` and `pss-restricted` presets).',
    remediation:
      'Replace the inline source with a PersistentVolumeClaim bound to a PersistentVolume (or a StorageClass) created by an administrator, or with one of the allowed types. The `allowed` option sets the list. hostPath volumes are reported by `host-path-volume`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: share\n      nfs:\n        server: nfs.example.com\n        path: /exports\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: share\n      persistentVolumeClaim:\n        claimName: share\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    options: {
      schema: {
        type: 'object',
        properties: {
          allowed: { type: 'array', items: { type: 'string' }, description: 'Volume source fields that are allowed (`emptyDir`, `nfs`…).' },
        },
        additionalProperties: false,
      },
      defaults: { allowed: ALLOWED_SOURCES },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const allowed = new Set(Array.isArray(ctx.options.allowed) ? ctx.options.allowed.map(String) : ALLOWED_SOURCES);
      for (const volume of workload.podSpec.get('volumes')?.items() ?? []) {
        const name = volume.get('name')?.value;
        // A volume without a source is defaulted to emptyDir by the API server.
        for (const [source, node] of volume.entries()) {
          // hostPath is host-path-volume's finding (Baseline already forbids it).
          if (source === 'name' || source === 'hostPath' || node.value === null || allowed.has(source)) continue;
          ctx.report({
            at: node.key(),
            message: `${describeWorkload(workload)} uses the volume type ${source}${typeof name === 'string' ? ` (volume "${name}")` : ''}; use a PersistentVolumeClaim or one of ${[...allowed].join(', ')}`,
          });
        }
      }
    },
  },
});
