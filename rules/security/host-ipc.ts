import { defineRule } from '../../src/engine/rule.js';
import { composeLiteral, describeService } from '../_lib/compose-service.js';

export default defineRule({
  meta: {
    id: 'host-ipc',
    title: 'Pod shares the host IPC namespace',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['CKV_K8S_18', 'KSV008', 'KSV-0008', 'hostIPCSet', 'baa3890f-bed7-46f5-ab8f-1da8fc91c729'],
    rationale:
      'With `hostIPC: true` the pod shares the System V IPC and POSIX message queues and shared memory (`/dev/shm`): it can read and tamper with the shared memory of every other process on the node that uses IPC. The Pod Security Standards forbid it from the Baseline level up. Docker Compose: `ipc: host` on a service; for PyTorch shared memory prefer `shm_size`.',
    remediation:
      'Remove `hostIPC: true`; containers of one pod already share an IPC namespace. Node agents that need it should carry a suppression with the reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostIPC: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const flag = workload.podSpec.get('hostIPC');
      if (flag && (flag.value === true || flag.value === 'true')) {
        ctx.report({ at: flag, message: `${workload.object.kind} "${workload.object.name ?? ''}" uses the host IPC namespace` });
      }
    },
    'compose:service': (service, ctx) => {
      const mode = composeLiteral(service, 'ipc');
      if (mode && mode.text.trim() === 'host')
        ctx.report({ at: mode.node, message: `${describeService(service)} uses the host IPC namespace (ipc: host)` });
    },
  },
});
