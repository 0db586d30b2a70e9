import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { reportRunPermission } from '../_lib/rbac.js';

export default defineRule({
  meta: {
    id: 'rbac-pod-exec',
    title: 'Role allows exec or attach into pods, or the kubelet API through nodes/proxy',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['clusterrolePodExecAttach', 'rolePodExecAttach', 'KSV053', 'KSV054', 'KSV047', 'CKV2_K8S_2'],
    rationale:
      "`pods/exec` and `pods/attach` run commands in any pod the role reaches, as the pod's user with its mounted Secrets and service account token: everything those pods can do, the subject can do. `create` on `nodes/proxy` reaches the kubelet API of every node the role covers, whose `/exec` and `/run` endpoints do the same for every pod on the node, past the API server's audit and admission.",
    remediation:
      'Keep exec and attach for people, through a separate role bound on demand, not for application service accounts; give monitoring `get` on `nodes/metrics` or `nodes/stats` rather than `create` on `nodes/proxy` (`get` on `nodes/proxy`, which scrapers use, is not reported). A role bound in the linted files to people only (named Users and Groups, no ServiceAccount and no `system:` group) is not reported: the risk is a pod whose token an attacker takes.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debug\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/exec"]\n    verbs: ["get", "create"]\n',
        good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debug\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get"]\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#pods-exec'],
  },
  handlers: {
    'k8s:all': (objects, ctx) => {
      const report = (at: KNode, message: string): void => ctx.report({ at, message });
      reportRunPermission(
        objects,
        {
          resources: new Set(['pods/exec', 'pods/attach']),
          verbs: new Set(['create', 'get']),
          skipNamedObjects: false,
          what: 'run commands in pods',
        },
        report,
      );
      reportRunPermission(
        objects,
        {
          resources: new Set(['nodes/proxy']),
          verbs: new Set(['create']),
          skipNamedObjects: false,
          what: 'call the kubelet API of nodes, and so run commands in every pod on them',
        },
        report,
      );
    },
  },
});
