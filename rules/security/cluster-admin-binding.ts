import { defineRule } from '../../src/engine/rule.js';
import { BINDING_KINDS, isRbac } from '../_lib/rbac.js';

export default defineRule({
  meta: {
    id: 'cluster-admin-binding',
    title: 'Binding grants the cluster-admin role',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['cluster-admin-role-binding', 'KSV111', 'clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'],
    rationale: '`cluster-admin` allows every verb on every resource. Bound in a ClusterRoleBinding it owns the whole cluster; bound in a RoleBinding it owns the namespace, including its Secrets and RBAC. A compromised pod or token bound to it is a compromised cluster. CIS Kubernetes Benchmark 5.1.1.',
    remediation: 'Bind a Role or ClusterRole that lists the permissions the subject needs (`edit`, `view` or your own). Break-glass bindings for people belong outside the application manifests.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n',
        good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (!BINDING_KINDS.has(object.kind) || !isRbac(object)) return;
      const name = object.node.at('roleRef', 'name');
      if (name?.value !== 'cluster-admin' || object.node.at('roleRef', 'kind')?.value !== 'ClusterRole') return;
      ctx.report({ at: name, message: `${object.kind} "${object.name ?? ''}" grants cluster-admin${object.kind === 'RoleBinding' ? ` in namespace "${object.namespace ?? 'default'}"` : ' on the whole cluster'}: bind a role with only the permissions needed` });
    },
  },
});
