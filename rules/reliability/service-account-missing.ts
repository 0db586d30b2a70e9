import { defineRule } from '../../src/engine/rule.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'service-account-missing',
    title: 'Pod runs as a ServiceAccount that does not exist',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['non-existent-service-account'],
    rationale:
      'A pod whose `serviceAccountName` names a missing ServiceAccount is never created: the controller retries with `serviceaccount "x" not found` events while the rollout stands still.',
    remediation:
      "Define the ServiceAccount in the workload's namespace, or fix the name. Reported when the same name exists only in another namespace, when a close name exists (a typo), or when the workload's file (a `helm template` or `kustomize build` stream read as one file; option `scope: folder`: its folder, `scope: run`: every linted file) defines other ServiceAccounts but not this one, and no custom resource of the folder is named like its operator-made origin (RayCluster `demo` makes Service `demo-head-svc`); ServiceAccounts made by other charts or by hand are not judged. `default` always exists.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: wbe\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      if (index.ofKind('ServiceAccount').length === 0) return;
      const scope = scopeOption(ctx.options);
      for (const template of index.templates) {
        const name = template.serviceAccount;
        if (name === undefined || name === 'default') continue;
        const node = template.workload.podSpec.get('serviceAccountName') ?? template.workload.podSpec.get('serviceAccount');
        const problem = index.problemWith(template, scope, 'ServiceAccount', name);
        if (node && problem)
          ctx.report({
            at: node,
            message: `${template.object.kind} "${template.object.name ?? ''}" runs as ServiceAccount "${name}", but ${problem}: its pods will not be created`,
          });
      }
    },
  },
});
