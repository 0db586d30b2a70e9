import { defineRule } from '../../src/engine/rule.js';
import { policyRules, roleName } from '../_lib/rbac.js';

export default defineRule({
  meta: {
    id: 'rbac-wildcard',
    title: 'Role rule grants `*` verbs, resources or API groups',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['wildcard-in-rules', 'CKV_K8S_49', 'KSV044', 'KSV045', 'KSV046', 'KSV112'],
    rationale: 'A `*` in `verbs`, `resources` or `apiGroups` grants everything of that kind, today and in every future API version: resources and verbs added later (including `escalate`, `impersonate` or a new subresource) are granted too, and a reviewer cannot see what the role really allows. CIS Kubernetes Benchmark 5.1.3.',
    remediation: 'List the verbs, resources and API groups the subject needs. Roles that really must hold everything (a cluster operator) carry a suppression with the reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\nrules:\n  - apiGroups: ["apps"]\n    resources: ["*"]\n    verbs: ["*"]\n',
        good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "list", "watch", "patch"]\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      for (const rule of policyRules(object)) {
        const fields = (['verbs', 'resources', 'apiGroups'] as const).filter((f) => rule[f].includes('*'));
        const first = fields[0];
        if (first === undefined) continue;
        ctx.report({
          at: rule.itemOf(first, '*') ?? rule.node,
          message: `${roleName(object)} grants ${fields.map((f) => `every ${f === 'verbs' ? 'verb' : f === 'resources' ? 'resource' : 'API group'}`).join(', ')} (\`*\`) in one rule: list what the subject needs`,
        });
      }
    },
  },
});
