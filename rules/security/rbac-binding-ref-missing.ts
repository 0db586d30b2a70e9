import { defineRule } from '../../src/engine/rule.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA } from '../_lib/object-index.js';
import { BINDING_KINDS, isBuiltInClusterRole, isRbac } from '../_lib/rbac.js';

export default defineRule({
  meta: {
    id: 'rbac-binding-ref-missing',
    title: 'Binding refers to a Role, ClusterRole or ServiceAccount that does not exist',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      'A binding to a missing role grants nothing, so the workload it was written for fails with `forbidden` errors; worse, it stays in the cluster, and whoever later creates a role or ServiceAccount of that name (in a namespace they control) receives the grant unnoticed.',
    remediation:
      "Fix the name or namespace in `roleRef` or `subjects`, or define the object. A Role is looked up in the binding's namespace, a ServiceAccount in the subject's `namespace`. Reported when the same name exists only in another namespace, when a close name exists (a typo), or when the binding's file (a `helm template` or `kustomize build` stream read as one file; option `scope: folder`: its folder, `scope: run`: every linted file) defines other objects of that kind but not this one. Built-in ClusterRoles (`cluster-admin`, `admin`, `edit`, `view`, `system:*`) and `default` ServiceAccounts always exist.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web\n  namespace: shop\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: wbe}\nsubjects:\n  - {kind: ServiceAccount, name: web, namespace: shop}\n',
        good: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web\n  namespace: shop\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web}\nsubjects:\n  - {kind: ServiceAccount, name: web, namespace: shop}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      for (const binding of index.ofKind(...BINDING_KINDS)) {
        if (!isRbac(binding.object)) continue;
        const label = `${binding.object.kind} "${binding.object.name ?? ''}"`;
        const roleName = binding.object.node.at('roleRef', 'name');
        const roleKind = binding.object.node.at('roleRef', 'kind')?.value;
        if (roleName && typeof roleName.value === 'string' && (roleKind === 'Role' || roleKind === 'ClusterRole')) {
          const builtIn = roleKind === 'ClusterRole' && isBuiltInClusterRole(roleName.value);
          const problem = builtIn ? undefined : index.problemWith(binding, scope, roleKind, roleName.value);
          if (problem) ctx.report({ at: roleName, message: `${label} grants ${roleKind} "${roleName.value}", but ${problem}` });
        }
        for (const subject of binding.object.node.get('subjects')?.items() ?? []) {
          const name = subject.get('name');
          if (subject.get('kind')?.value !== 'ServiceAccount' || typeof name?.value !== 'string' || name.value === 'default') continue;
          const ns = subject.get('namespace')?.value;
          const namespace = typeof ns === 'string' ? ns : binding.object.kind === 'RoleBinding' ? binding.object.namespace : undefined;
          const problem = index.problemWith(binding, scope, 'ServiceAccount', name.value, namespace);
          if (problem) ctx.report({ at: name, message: `${label} grants to ServiceAccount "${name.value}", but ${problem}` });
        }
      }
    },
  },
});
