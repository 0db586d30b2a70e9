import { defineRule } from '../../src/engine/rule.js';
import { containerPorts } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'ssh-container-port',
    title: 'Container exposes the SSH port 22',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['ssh-port'],
    rationale:
      "A container port 22 means the container runs an SSH server: another long-lived credential to manage, a daemon to patch, and a way into the pod that bypasses the API server's access control and audit log.",
    remediation:
      'Remove the SSH server and the port; use `kubectl exec` or `kubectl debug` for a shell. For MPI or distributed training, which need SSH between workers, suppress the finding with a reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n    - name: box\n      image: box:1.0\n      ports:\n        - containerPort: 22\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n    - name: box\n      image: box:1.0\n      ports:\n        - containerPort: 8080\n',
      },
    ],
    references: ['https://docs.kubelinter.io/#/generated/checks?id=ssh-port'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      for (const { port, node, protocol } of containerPorts(container, 'containerPort')) {
        if (port !== 22 || protocol !== 'TCP') continue;
        ctx.report({
          at: node,
          message: `container "${container.name}" exposes the SSH port 22; remove the SSH server and use kubectl exec`,
        });
      }
    },
  },
});
