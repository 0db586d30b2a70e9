import { defineRule } from '../../src/engine/rule.js';
import { describeService, literalOf } from '../_lib/compose-service.js';

export default defineRule({
  meta: {
    id: 'host-network',
    title: 'Pod shares the host network namespace',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: [
      'CKV_K8S_19',
      'KSV009',
      'hostNetworkSet',
      'pod-host-network',
      'KSV-0009',
      'hostNamespaces',
      '071a71ff-f868-47a4-ac0b-3c59e4ab5443',
    ],
    rationale:
      'With `hostNetwork: true` the pod sees every interface of the node, can bind its ports and reach services listening on localhost, and bypasses NetworkPolicies. The Pod Security Standards forbid it from the Baseline level up. Docker Compose: `network_mode: host` on a service (a variable is not judged).',
    remediation:
      'Remove `hostNetwork: true` and expose the port through a Service, or a `hostPort` if a node port is really required. Node agents that need it (CNI plugins) should carry a suppression with the reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const flag = workload.podSpec.get('hostNetwork');
      if (flag && (flag.value === true || flag.value === 'true')) {
        ctx.report({ at: flag, message: `${workload.object.kind} "${workload.object.name ?? ''}" uses the host network` });
      }
    },
    'compose:service': (service, ctx) => {
      const mode = literalOf(service.networkMode);
      if (mode && mode.text.trim() === 'host')
        ctx.report({ at: mode.node, message: `${describeService(service)} uses the host network (network_mode: host)` });
    },
  },
});
