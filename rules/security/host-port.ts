import { defineRule } from '../../src/engine/rule.js';
import { containerPorts } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'host-port',
    title: 'Container binds a host port',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['hostPortSet', 'CKV_K8S_26', 'KSV024', 'KSV-0024', 'hostPorts'],
    rationale:
      "A `hostPort` opens the port on the node's own address, outside Services and often outside NetworkPolicies, and it limits the workload to one pod per node per port (a rollout can get stuck Pending). The Pod Security Standards forbid host ports from the Baseline level up.",
    remediation:
      'Remove `hostPort` and expose the container through a Service (ClusterIP, NodePort or LoadBalancer). Node agents that must listen on the node (ingress controllers in host mode, CNI) should carry a suppression with the reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n          hostPort: 8080\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/concepts/configuration/overview/#services',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      for (const { port, node } of containerPorts(container, 'hostPort')) {
        if (port === 0) continue;
        ctx.report({
          at: node,
          message: `container "${container.name}" binds port ${port} of the node (hostPort); expose it through a Service instead`,
        });
      }
    },
  },
});
