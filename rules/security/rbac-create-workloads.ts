import { defineRule } from '../../src/engine/rule.js';
import { reportRunPermission } from '../_lib/rbac.js';

export default defineRule({
  meta: {
    id: 'rbac-create-workloads',
    title: 'Role can create pods or workloads',
    severity: 'info',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['access-to-create-pods', 'KSV048'],
    rationale:
      'Whoever can create a pod (directly or through a Deployment, Job, DaemonSet…) can mount any Secret and run as any ServiceAccount of the namespace, so the permission is worth as much as the most privileged of them: privilege escalation by proxy. CIS Kubernetes Benchmark 5.1.4. Controllers and CI deployers need it, hence opt-in.',
    remediation:
      'Grant `create` on pods and workload kinds only to the deployer that needs it, in the namespaces it deploys to, and enforce Pod Security admission there. A role bound in the linted files to people only (named Users and Groups, no ServiceAccount and no `system:` group) is not reported: the risk is a pod whose token an attacker takes.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["create", "delete"]\n',
        good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get", "list", "watch"]\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation'],
  },
  handlers: {
    'k8s:all': (objects, ctx) =>
      reportRunPermission(
        objects,
        {
          resources: new Set([
            'pods',
            'deployments',
            'replicasets',
            'statefulsets',
            'daemonsets',
            'jobs',
            'cronjobs',
            'replicationcontrollers',
          ]),
          verbs: new Set(['create']),
          skipNamedObjects: false,
          what: 'create pods (and so run as any ServiceAccount of the namespace)',
        },
        (at, message) => ctx.report({ at, message }),
      ),
  },
});
