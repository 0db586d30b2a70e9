import { defineRule } from '../../src/engine/rule.js';
import { objectIndex, simpleSelector, type IndexedObject, type PodTemplate } from '../_lib/object-index.js';
import { autoscaledWorkloads, REPLICATED_KINDS, replicasOf } from '../_lib/replicas.js';

export default defineRule({
  meta: {
    id: 'missing-pdb',
    title: 'Multi-replica workload without a PodDisruptionBudget',
    severity: 'info',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget', 'missingPodDisruptionBudget'],
    rationale:
      'Running several replicas only keeps a service up during node drains and upgrades when a PodDisruptionBudget stops the drain from evicting them all at once; without one, a drain of two nodes can take down every replica together. Small clusters and batch workloads do not care, hence opt-in.',
    remediation:
      "Add a PodDisruptionBudget in the workload's namespace whose selector matches its pod labels, with `maxUnavailable: 1` (or a percentage). Looked for among the linted files in the workload's folder and the folders around it.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const autoscaled = autoscaledWorkloads(index);
      const budgets = index.ofKind('PodDisruptionBudget');
      for (const template of index.templates) {
        const { object } = template;
        if (!REPLICATED_KINDS.has(object.kind) || object.partial) continue;
        const replicas = autoscaled.get(object) ?? replicasOf(object);
        if (replicas === undefined || replicas < 2) continue;
        if (budgets.some((b) => index.sameNamespace(b, template) && index.related(b, template) && selects(b, template))) continue;
        const at = object.node.at('spec', 'replicas') ?? object.node.at('metadata', 'name') ?? object.node;
        ctx.report({
          at,
          message: `${object.kind} "${object.name ?? ''}" runs ${replicas} replicas${autoscaled.has(object) ? ' (HPA minimum)' : ''} but no PodDisruptionBudget selects its pods: a node drain may evict them all at once; add one with maxUnavailable: 1`,
        });
      }
    },
  },
});

/** The budget selects (or, with matchExpressions, may select) the template's pods. */
function selects(budget: IndexedObject, template: PodTemplate): boolean {
  const value = budget.object.node.at('spec', 'selector')?.value;
  const selector = simpleSelector(value);
  if (!selector) return value !== undefined && value !== null;
  return Object.entries(selector).every(([k, v]) => template.labels[k] === v);
}
