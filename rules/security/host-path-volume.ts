import { defineRule } from '../../src/engine/rule.js';
import { describeWorkload, hostPathVolumes } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'host-path-volume',
    title: 'Pod mounts a hostPath volume',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['hostPathSet', 'KSV023', 'KSV-0023', 'hostPathVolumes'],
    rationale:
      "A hostPath volume gives the pod a directory or file of the node. Writable, it lets the pod plant files the node will execute or read (cron, kubelet config, other pods' volumes); even read-only it can leak credentials and keys. It also ties the pod to the node's layout. The Pod Security Standards forbid hostPath volumes from the Baseline level up.",
    remediation:
      "Use an `emptyDir`, a `configMap`/`secret`, or a PersistentVolumeClaim instead. Node agents (log collectors, CNI and CSI plugins, device plugins) that need the node's files should mount only the paths they need, read-only, and carry a suppression with the reason (`ignore-check.k8slint.io/host-path-volume` annotation).",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: data\n      hostPath:\n        path: /srv/data\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: data\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      for (const volume of hostPathVolumes(workload)) {
        ctx.report({
          at: volume.at,
          message: `${describeWorkload(workload)} mounts the node path ${volume.path ?? '(no path)'} as hostPath volume "${volume.name}"; use another volume type, or mount it read-only and suppress with a reason`,
        });
      }
    },
  },
});
