import { defineRule } from '../../src/engine/rule.js';
import { boundOnlyToPeople, isRbac, policyRules, ROLE_KINDS, roleName } from '../_lib/rbac.js';

const ESCALATING = new Set(['escalate', 'bind', 'impersonate']);

export default defineRule({
  meta: {
    id: 'rbac-escalation-verbs',
    title: 'Role grants escalate, bind or impersonate',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['CKV_K8S_157', 'CKV_K8S_158', 'CKV2_K8S_3', 'KSV043'],
    rationale:
      'RBAC stops a subject from granting permissions it does not hold, except through these verbs: `escalate` on roles lets it add any permission to a role, `bind` lets it bind any role, and `impersonate` lets it act as another user, group or ServiceAccount. Each is a path to cluster-admin.',
    remediation:
      'Remove the verb. Controllers that manage RBAC need `bind` on named roles only (`resourceNames`); those rules are not reported. A role bound in the linted files to people only (named Users and Groups, no ServiceAccount and no `system:` group) is not reported: the risk is a pod whose token an attacker takes.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: helper\nrules:\n  - apiGroups: [""]\n    resources: ["users", "groups", "serviceaccounts"]\n    verbs: ["impersonate"]\n',
        good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: helper\nrules:\n  - apiGroups: [""]\n    resources: ["serviceaccounts"]\n    verbs: ["get", "list"]\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb'],
  },
  handlers: {
    'k8s:all': (objects, ctx) => {
      for (const object of objects) {
        if (!ROLE_KINDS.has(object.kind) || !isRbac(object) || boundOnlyToPeople(object, objects)) continue;
        for (const rule of policyRules(object)) {
          if (rule.resourceNames.length > 0) continue;
          const verb = rule.verbs.find((v) => ESCALATING.has(v));
          if (verb === undefined) continue;
          ctx.report({
            at: rule.itemOf('verbs', verb) ?? rule.node,
            message: `${roleName(object)} grants \`${verb}\`, which lets its subjects give themselves more permissions: remove it or limit it with resourceNames`,
          });
        }
      }
    },
  },
});
