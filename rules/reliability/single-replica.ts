import { defineRule } from '../../src/engine/rule.js';
import { objectIndex } from '../_lib/object-index.js';
import { autoscaledWorkloads, replicasOf } from '../_lib/replicas.js';

export default defineRule({
  meta: {
    id: 'single-replica',
    title: 'Deployment runs fewer replicas than the minimum',
    severity: 'info',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['deploymentMissingReplicas', 'deployment-replicas', 'minimum-three-replicas'],
    rationale:
      'A Deployment with one replica is down during every rollout hiccup, node drain, eviction or crash until its replacement is ready. Services that must stay up need at least two (kube-linter asks for three). Development and singleton workloads are fine with one, hence opt-in.',
    remediation:
      'Set `spec.replicas` to at least `minReplicas` (option, default 2), or let an HPA with that `minReplicas` scale it. The HPA of the linted files counts instead of `replicas`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas'],
    options: {
      schema: {
        type: 'object',
        properties: { minReplicas: { type: 'integer', minimum: 1, description: 'Fewest replicas accepted.' } },
        additionalProperties: false,
      },
      defaults: { minReplicas: 2 },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const autoscaled = autoscaledWorkloads(index);
      const minimum = typeof ctx.options.minReplicas === 'number' ? ctx.options.minReplicas : 2;
      for (const entry of index.ofKind('Deployment')) {
        const { object } = entry;
        if (object.partial || !object.apiVersion.startsWith('apps/')) continue;
        const fromHpa = autoscaled.get(object);
        const replicas = fromHpa ?? replicasOf(object);
        if (replicas === undefined || replicas >= minimum || replicas === 0) continue;
        const at = object.node.at('spec', 'replicas') ?? object.node.at('metadata', 'name') ?? object.node;
        ctx.report({
          at,
          message: `Deployment "${object.name ?? ''}" runs ${replicas} replica${replicas === 1 ? '' : 's'}${fromHpa !== undefined ? ' at the HPA minimum' : ''}, fewer than ${minimum}: it is down whenever its pod is; run at least ${minimum}`,
        });
      }
    },
  },
});
