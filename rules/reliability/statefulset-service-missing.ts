import { defineRule } from '../../src/engine/rule.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'statefulset-service-missing',
    title: 'StatefulSet governing Service missing or not headless',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['statefulset-has-servicename'],
    rationale:
      "A StatefulSet's pods get their stable DNS names (`web-0.web.ns.svc`) from the headless Service named in `serviceName`. Without it, or with a Service that has a cluster IP, peers that find each other by those names (databases, Kafka, etcd) cannot form a cluster.",
    remediation:
      "Define a Service named as `serviceName`, in the StatefulSet's namespace, with `clusterIP: None` and a selector that matches the pods. A missing Service is reported when the same name exists only in another namespace, when a close name exists (a typo), or when the file (a `helm template` or `kustomize build` stream read as one file; option `scope: folder`: its folder, `scope: run`: every linted file) defines other Services but not this one, and no custom resource of the folder is named like its operator-made origin (RayCluster `demo` makes Service `demo-head-svc`).",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  selector: {app: db}\n  ports:\n    - port: 5432\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector: {app: db}\n  ports:\n    - port: 5432\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      for (const sts of index.ofKind('StatefulSet')) {
        if (!sts.object.apiVersion.startsWith('apps/')) continue;
        const node = sts.object.node.at('spec', 'serviceName');
        const name = node?.value;
        if (!node || typeof name !== 'string' || name === '') continue;
        const services = index.resolve(sts, 'Service', name).filter((s) => index.related(sts, s, scope));
        const label = `StatefulSet "${sts.object.name ?? ''}"`;
        if (services.length === 0) {
          if (index.resolve(sts, 'Service', name).length > 0) continue;
          const problem = index.problemWith(sts, scope, 'Service', name);
          if (problem) ctx.report({ at: node, message: `${label} names governing Service "${name}", but ${problem}` });
          continue;
        }
        if (services.some((s) => s.object.node.at('spec', 'clusterIP')?.value === 'None')) continue;
        ctx.report({
          at: node,
          message: `${label} names governing Service "${name}", which is not headless (no \`clusterIP: None\`): its pods get no stable DNS names`,
        });
      }
    },
  },
});
