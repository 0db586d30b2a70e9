import { defineRule } from '../../src/engine/rule.js';
import { describe, nearMissTemplate, objectIndex, scopeOption, SCOPE_OPTION_SCHEMA, simpleSelector } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'pdb-selects-no-pods',
    title: 'PodDisruptionBudget whose selector matches no pod template',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      'A PodDisruptionBudget protects the pods its selector matches. A label typo leaves the workload it was written for unprotected: a node drain evicts all its pods at once, and nothing reports it.',
    remediation:
      "Make `spec.selector.matchLabels` agree with the pod template labels of the workload, in the PDB's namespace. Reported when the matching pod template sits in another namespace, or when one in the PDB's folder (`scope: run`: any linted file) is a near miss (labels that differ by a typo or an added word, or a label missing on one side); pods of other charts and operators are not judged. Selectors with `matchExpressions` and the empty selector (every pod of the namespace) are skipped. Any miss is reported when the same file (a `helm template` or `kustomize build` stream read as one file) holds whole pod templates of the namespace and no custom resource, whose operator would make pods with labels of its own.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: wbe}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      if (workloads.length === 0) return;
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      for (const pdb of index.ofKind('PodDisruptionBudget')) {
        if (!pdb.object.apiVersion.startsWith('policy/')) continue;
        const selectorNode = pdb.object.node.at('spec', 'selector');
        const selector = simpleSelector(selectorNode?.value);
        if (!selectorNode || !selector || Object.keys(selector).length === 0) continue;
        const matching = index.templatesMatching(selector, scope === 'run' ? undefined : pdb);
        if (matching.some((t) => index.sameNamespace(pdb, t))) continue;
        const shown = Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        const name = pdb.object.name ?? '';
        const elsewhere = matching.find((t) => scope === 'run' || t.dir === pdb.dir);
        if (elsewhere) {
          ctx.report({
            at: selectorNode,
            message: `PodDisruptionBudget "${name}" in namespace "${pdb.namespace}" selects ${shown}, which only ${describe(elsewhere)} carries: a budget protects pods of its own namespace only`,
          });
          continue;
        }
        const candidates = index.nearMissCandidates(pdb, selector, scope).filter((t) => index.sameNamespace(pdb, t));
        const nearMiss = nearMissTemplate(selector, candidates, !index.dirHasCustomResources(pdb.dir));
        if (!nearMiss) {
          const meant = index.podsItCouldMean(pdb, scope);
          if (meant.length > 0)
            ctx.report({
              at: selectorNode,
              message: `PodDisruptionBudget "${name}" selects ${shown}, which no pod template carries, though its ${scope === 'file' ? 'file' : scope === 'folder' ? 'folder' : 'run'} defines ${meant
                .slice(0, 3)
                .map((t) => `${t.object.kind} "${t.object.name ?? ''}"`)
                .join(', ')}${meant.length > 3 ? ', …' : ''}: make the selector match the pod labels`,
            });
          continue;
        }
        const theirs = Object.keys(selector)
          .filter((k) => k in nearMiss.labels)
          .map((k) => `${k}=${nearMiss.labels[k] ?? ''}`)
          .join(',');
        ctx.report({
          at: selectorNode,
          message: `PodDisruptionBudget "${name}" selects ${shown}, which no pod template carries; did you mean ${describe(nearMiss)}, labelled ${theirs}?`,
        });
      }
    },
  },
});
