import { defineRule } from '../../src/engine/rule.js';
import { isBuiltInObject } from '../_lib/workload.js';

export default defineRule({
  meta: {
    id: 'pvc-storage-class-empty',
    title: 'PersistentVolumeClaim with storageClassName ""',
    severity: 'info',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: [],
    rationale:
      '`storageClassName: ""` does not mean "the default class": it turns dynamic provisioning off, and the claim binds only to an existing PersistentVolume that has no class. Without such a volume the claim stays `Pending`, and so do the pods that use it. Opt-in, because static binding is sometimes what is wanted.',
    remediation:
      'Leave `storageClassName` out to get the cluster default class, or name a class. For static binding, say which volume with `volumeName` or a `selector` (such claims are not reported).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n',
        good: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class-1'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'PersistentVolumeClaim' || !isBuiltInObject(object)) return;
      const spec = object.node.get('spec');
      const storageClass = spec?.get('storageClassName');
      if (!spec || storageClass?.value !== '' || spec.get('volumeName') || spec.get('selector')) return;
      ctx.report({
        at: storageClass,
        message: `PersistentVolumeClaim "${object.name ?? ''}" sets storageClassName ""; it is never provisioned and binds only to an existing PersistentVolume without a class`,
      });
    },
  },
});
