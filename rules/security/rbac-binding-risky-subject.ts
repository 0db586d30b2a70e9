import { defineRule } from '../../src/engine/rule.js';
import { BINDING_KINDS, isRbac } from '../_lib/rbac.js';

const PUBLIC_GROUPS: Record<string, string> = {
  'system:anonymous': 'every unauthenticated request',
  'system:unauthenticated': 'every unauthenticated request',
  'system:authenticated': 'every authenticated user and ServiceAccount of the cluster',
  'system:masters': 'a group that bypasses RBAC altogether',
};

export default defineRule({
  meta: {
    id: 'rbac-binding-risky-subject',
    title: 'Binding grants to anonymous users, all users or the default ServiceAccount',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['KSV122', 'KSV123', 'KSV01011', 'CKV_K8S_42'],
    rationale: 'A binding to `system:anonymous` or `system:unauthenticated` hands its role to anyone who can reach the API server; `system:authenticated` to every pod of the cluster. The `default` ServiceAccount runs every pod that names no other, so a role bound to it goes to all of them, including ones added later.',
    remediation: 'Bind the role to a dedicated ServiceAccount (and set `serviceAccountName` on the pods that need it), or to a named group of people.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: reader\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: apps\n',
        good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: reader\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: reporter\n    namespace: apps\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (!BINDING_KINDS.has(object.kind) || !isRbac(object)) return;
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar in valid input; a mapping there prints as [object Object], as before
      const role = String(object.node.at('roleRef', 'name')?.value ?? '');
      // The API server's own bindings (system:public-info-viewer, system:discovery…) grant to these groups by design.
      if (role.startsWith('system:')) return;
      for (const subject of object.node.get('subjects')?.items() ?? []) {
        const kind = subject.get('kind')?.value;
        const name = subject.get('name');
        if (typeof name?.value !== 'string') continue;
        const reach = (kind === 'Group' || kind === 'User') ? PUBLIC_GROUPS[name.value] : undefined;
        if (reach) {
          ctx.report({ at: name, message: `${object.kind} "${object.name ?? ''}" grants "${role}" to ${name.value}: ${reach}` });
        } else if (kind === 'ServiceAccount' && name.value === 'default') {
          ctx.report({ at: name, message: `${object.kind} "${object.name ?? ''}" grants "${role}" to the default ServiceAccount, which every pod without serviceAccountName runs as: bind a dedicated ServiceAccount` });
        }
      }
    },
  },
});
