import { defineRule } from '../../src/engine/rule.js';
import { composeTrue, describeService } from '../_lib/compose-service.js';

export default defineRule({
  meta: {
    id: 'privileged-container',
    title: 'Privileged container',
    severity: 'error',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: [
      'CKV_K8S_16',
      'KSV017',
      'runAsPrivileged',
      'container-security-context-privileged',
      'privileged',
      'ae5b6871-7f45-42e0-bb4c-ab300c4d2026',
    ],
    rationale:
      'A privileged container gets every capability and every device of the node: it is root on the host. Any compromise of it is a compromise of the node and of every pod on it. The Pod Security Standards forbid it from the Baseline level up. Docker Compose: `privileged: true` on a service is the same (KICS: Privileged Containers Enabled).',
    remediation:
      'Remove `securityContext.privileged: true`. Grant the single capability the process needs (`capabilities.add: [NET_ADMIN]`), or, for GPUs and other devices, request them as resources through their device plugin.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: agent:1.0\n      securityContext:\n        privileged: true\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: agent:1.0\n      securityContext:\n        capabilities:\n          add: [NET_ADMIN]\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const flag = container.node.at('securityContext', 'privileged');
      if (flag && (flag.value === true || flag.value === 'true')) {
        ctx.report({ at: flag, message: `container "${container.name}" runs privileged` });
      }
    },
    'compose:service': (service, ctx) => {
      const flag = composeTrue(service, 'privileged');
      if (flag) ctx.report({ at: flag, message: `${describeService(service)} runs privileged` });
    },
  },
});
