import { defineRule } from '../../src/engine/rule.js';
import { reportPermission } from '../_lib/rbac.js';

export default defineRule({
  meta: {
    id: 'rbac-pod-exec',
    title: 'Role allows exec or attach into pods',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['clusterrolePodExecAttach', 'rolePodExecAttach', 'KSV053', 'KSV054', 'CKV2_K8S_2'],
    rationale: '`pods/exec` and `pods/attach` run commands in any pod the role reaches, as the pod\'s user with its mounted Secrets and service account token: everything those pods can do, the subject can do.',
    remediation: 'Keep exec and attach for people, through a separate role bound on demand, not for application service accounts.',
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
    'k8s:object': (object, ctx) =>
      reportPermission(object, { resources: new Set(['pods/exec', 'pods/attach']), verbs: new Set(['create', 'get']), skipNamedObjects: false, what: 'run commands in pods' }, (at, message) => ctx.report({ at, message })),
  },
});
