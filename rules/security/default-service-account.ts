import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'default-service-account',
    title: 'Pod runs as the default service account',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['default-service-account', 'CKV_K8S_41'],
    rationale:
      "Every pod of a namespace that names no service account shares `default`. Any permission granted to it (for one workload's needs, or by a chart that binds to `default`) is granted to all of them, and audit logs cannot tell them apart. Opt-in: harmless where `default` has no bindings and no token is mounted.",
    remediation:
      'Create a ServiceAccount per workload and set `serviceAccountName`, and grant RBAC to that account only. Kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      if (workload.object.partial) return;
      const spec = workload.podSpec;
      const named = spec.get('serviceAccountName') ?? spec.get('serviceAccount');
      if (named && named.value !== 'default' && named.value !== '' && named.value !== null) return;
      const message = `${workload.object.kind} "${workload.object.name ?? ''}" runs as the default service account; create one for it and set serviceAccountName`;
      if (named) ctx.report({ at: named, message });
      else ctx.reportMissing(spec, ['serviceAccountName'], message);
    },
  },
});
