import { defineRule } from '../../src/engine/rule.js';
import { reportRunPermission } from '../_lib/rbac.js';

export default defineRule({
  meta: {
    id: 'rbac-secrets-access',
    title: 'Role can read Secrets',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['access-to-secrets', 'CKV2_K8S_5', 'KSV041', 'KSV113'],
    rationale:
      '`get`, `list` or `watch` on `secrets` reads every Secret of the namespace (of the cluster, for a ClusterRole bound cluster-wide): service account tokens, TLS keys and passwords, which often lead to more privileges. `list` and `watch` return the values too, not only the names. CIS Kubernetes Benchmark 5.1.2.',
    remediation:
      'Mount the Secrets the workload needs instead of reading them through the API, or limit the rule to named Secrets with `resourceNames` (rules with `resourceNames` are not reported). A role bound in the linted files to people only (named Users and Groups, no ServiceAccount and no `system:` group) is not reported: the risk is a pod whose token an attacker takes.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list"]\n',
        good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["app-tls"]\n    verbs: ["get"]\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets'],
  },
  handlers: {
    'k8s:all': (objects, ctx) =>
      reportRunPermission(
        objects,
        { resources: new Set(['secrets']), verbs: new Set(['get', 'list', 'watch']), skipNamedObjects: true, what: 'read Secrets' },
        (at, message) => ctx.report({ at, message }),
      ),
  },
});
