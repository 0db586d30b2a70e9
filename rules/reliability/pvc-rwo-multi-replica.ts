import { defineRule } from '../../src/engine/rule.js';
import { objectIndex } from '../_lib/object-index.js';

const SINGLE_NODE_MODES = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

export default defineRule({
  meta: {
    id: 'pvc-rwo-multi-replica',
    title: 'ReadWriteOnce claim shared by the replicas of a Deployment',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      'A `ReadWriteOnce` volume can be attached to one node at a time, and a `ReadWriteOncePod` volume to one pod. When a Deployment with several replicas mounts such a claim, the replicas the scheduler puts on other nodes (or, for `ReadWriteOncePod`, every replica but one) stay in `ContainerCreating` with a `Multi-Attach error`, and even a single-replica rolling update can deadlock the same way. (KICS `incorrect_volume_claim_access_mode_read_write_once` is a different check, on StatefulSet templates.)',
    remediation:
      'Use a StatefulSet with `volumeClaimTemplates` (one claim per replica), a `ReadWriteMany` storage class, or one replica with `strategy: Recreate`. Reported only when the claim is among the linted files, in the Deployment namespace, and requests no access mode that allows several nodes.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: uploads\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n      volumes:\n        - name: uploads\n          persistentVolumeClaim:\n            claimName: uploads\n',
        good: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: uploads\nspec:\n  accessModes: [ReadWriteMany]\n  resources:\n    requests:\n      storage: 10Gi\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n      volumes:\n        - name: uploads\n          persistentVolumeClaim:\n            claimName: uploads\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes',
      'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-storage',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      for (const template of index.templates) {
        if (template.object.kind !== 'Deployment' || !template.object.apiVersion.startsWith('apps/')) continue;
        const replicas = template.object.node.at('spec', 'replicas')?.value;
        if (typeof replicas !== 'number' || replicas < 2) continue;
        for (const volume of template.workload.podSpec.get('volumes')?.items() ?? []) {
          const claimName = volume.at('persistentVolumeClaim', 'claimName');
          if (typeof claimName?.value !== 'string') continue;
          const claim = index.named('PersistentVolumeClaim', claimName.value).find((c) => c.namespace === template.namespace);
          const modes = claim?.object.node.at('spec', 'accessModes')?.value;
          if (!Array.isArray(modes) || modes.length === 0 || !modes.every((m) => typeof m === 'string' && SINGLE_NODE_MODES.has(m)))
            continue;
          ctx.report({
            at: claimName,
            message: `Deployment "${template.object.name ?? ''}" runs ${replicas} replicas on PersistentVolumeClaim "${claimName.value}" (${modes.join(', ')}); ${modes.includes('ReadWriteOnce') ? 'replicas on other nodes cannot attach it' : 'only one pod at a time can use it'}`,
          });
        }
      }
    },
  },
});
