import { defineRule } from '../../src/engine/rule.js';
import { containerSecurityContext, describeWorkload, isTrue, podSecurityContext } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'windows-host-process',
    title: 'Windows HostProcess container',
    severity: 'error',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['hostProcess', 'KSV103', 'KSV-0103', 'windowsHostProcess'],
    rationale:
      "A Windows HostProcess container runs directly on the node, in the host's network and filesystem, as a node account such as SYSTEM: it is the Windows equivalent of a privileged container. The Pod Security Standards (Baseline) forbid it.",
    remediation:
      'Remove `windowsOptions.hostProcess: true` from the pod and its containers. Node agents that really need it (CNI, CSI node plugins) should carry a suppression with the reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: "NT AUTHORITY\\\\SYSTEM"\n  hostNetwork: true\n  containers:\n    - name: agent\n      image: agent:1.0\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      runAsUserName: "ContainerUser"\n  containers:\n    - name: agent\n      image: agent:1.0\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
    ],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const flag = podSecurityContext(workload)?.at('windowsOptions', 'hostProcess');
      if (flag && isTrue(flag.value))
        ctx.report({ at: flag, message: `${describeWorkload(workload)} runs as a Windows HostProcess pod; remove hostProcess: true` });
    },
    'k8s:container': (container, ctx) => {
      const flag = containerSecurityContext(container)?.at('windowsOptions', 'hostProcess');
      if (flag && isTrue(flag.value))
        ctx.report({
          at: flag,
          message: `container "${container.name}" runs as a Windows HostProcess container; remove hostProcess: true`,
        });
    },
  },
});
