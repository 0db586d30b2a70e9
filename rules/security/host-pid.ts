import { defineRule } from '../../src/engine/rule.js';
import { composeLiteral, describeService } from '../_lib/compose-service.js';

export default defineRule({
  meta: {
    id: 'host-pid',
    title: 'Pod shares the host PID namespace',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['CKV_K8S_17', 'KSV010', 'KSV-0010', 'hostPIDSet', '4f31dd9f-2cc3-4751-9b53-67e4af83dac0'],
    rationale:
      "With `hostPID: true` the pod sees every process of the node: it can read their environment and command lines (secrets passed as arguments), signal them, and with ptrace or a privileged container enter their namespaces, which is a node takeover. The Pod Security Standards forbid it from the Baseline level up. Docker Compose: `pid: host` on a service (`pid: service:x` shares another container's namespace only).",
    remediation:
      'Remove `hostPID: true`. Monitoring agents that need the process table of the node should carry a suppression with the reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostPID: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const flag = workload.podSpec.get('hostPID');
      if (flag && (flag.value === true || flag.value === 'true')) {
        ctx.report({ at: flag, message: `${workload.object.kind} "${workload.object.name ?? ''}" uses the host PID namespace` });
      }
    },
    'compose:service': (service, ctx) => {
      const mode = composeLiteral(service, 'pid');
      if (mode && mode.text.trim() === 'host')
        ctx.report({ at: mode.node, message: `${describeService(service)} uses the host PID namespace (pid: host)` });
    },
  },
});
