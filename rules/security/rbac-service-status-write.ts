import { defineRule } from '../../src/engine/rule.js';
import { reportRunPermission } from '../_lib/rbac.js';

export default defineRule({
  meta: {
    id: 'rbac-service-status-write',
    title: 'Role can modify services/status',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['CKV2_K8S_4', 'CVE-2020-8554'],
    rationale:
      "Whoever can write a Service's status can set `status.loadBalancer.ingress[].ip` to any address; kube-proxy then sends the cluster's traffic for that address to the Service (CVE-2020-8554, which Kubernetes has not fixed): a man-in-the-middle on traffic meant for another host. Only the cloud controller that provisions load balancers needs it.",
    remediation:
      'Remove `update`, `patch` (and `*`) on `services/status` from roles of application ServiceAccounts; leave it to the cloud or load-balancer controller, and consider an admission policy that restricts `status.loadBalancer` (the upstream mitigation). A role bound in the linted files to people only (named Users and Groups, no ServiceAccount and no `system:` group) is not reported.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: lb-helper\nrules:\n  - apiGroups: [""]\n    resources: ["services", "services/status"]\n    verbs: ["get", "patch"]\n',
        good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: lb-helper\nrules:\n  - apiGroups: [""]\n    resources: ["services", "services/status"]\n    verbs: ["get"]\n',
      },
    ],
    references: [
      'https://github.com/kubernetes/kubernetes/issues/97076',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx) =>
      reportRunPermission(
        objects,
        {
          resources: new Set(['services/status']),
          verbs: new Set(['update', 'patch']),
          skipNamedObjects: false,
          what: "set a Service's load balancer IP and so intercept traffic for that IP (CVE-2020-8554)",
        },
        (at, message) => ctx.report({ at, message }),
      ),
  },
});
