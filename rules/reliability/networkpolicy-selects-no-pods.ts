import { defineRule } from '../../src/engine/rule.js';
import { describe, nearMissTemplate, objectIndex, scopeOption, simpleSelector, SCOPE_OPTION_SCHEMA } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'networkpolicy-selects-no-pods',
    title: 'NetworkPolicy whose podSelector matches no pod template',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['dangling-networkpolicy', 'networkpolicy-targets-pod'],
    rationale:
      'A NetworkPolicy applies to the pods its `podSelector` matches in its namespace. A label typo, or a policy in the wrong namespace, leaves the pods it was written for unprotected (or, for a policy meant to allow traffic, still blocked by a default deny), silently.',
    remediation:
      "Make `spec.podSelector.matchLabels` agree with the pod template labels, in the policy's namespace. Reported when the matching pod template sits in another namespace, or when one in the policy's folder is a near miss (a label value that differs by a typo or an added word, or a label missing on one side). `podSelector: {}` (every pod of the namespace), `matchExpressions`, and pods of other charts are not judged. Any miss is reported when the same file (a `helm template` or `kustomize build` stream read as one file) holds whole pod templates of the namespace and no custom resource, whose operator would make pods with labels of its own (option `scope: folder`: its folder; `scope: run`: every linted file, near misses included). Pods of another project (another chart or repository, see docs/cross-object.md) never satisfy the selector.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels: {app: wbe}\n  ingress:\n    - ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n    - ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
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
      for (const policy of index.ofKind('NetworkPolicy')) {
        if (policy.object.apiVersion !== 'networking.k8s.io/v1') continue;
        const selectorNode = policy.object.node.at('spec', 'podSelector');
        const selector = simpleSelector(selectorNode?.value);
        if (!selectorNode || !selector || Object.keys(selector).length === 0) continue;
        const matching = index.templatesMatching(selector, scope === 'run' ? undefined : policy);
        if (matching.some((t) => index.sameNamespace(policy, t))) continue;
        const shown = Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        const name = policy.object.name ?? '';
        const elsewhere = matching.find((t) => scope === 'run' || t.dir === policy.dir);
        if (elsewhere) {
          ctx.report({
            at: selectorNode,
            message: `NetworkPolicy "${name}" in namespace "${policy.namespace}" selects ${shown}, which only ${describe(elsewhere)} carries: a policy applies to pods of its own namespace only`,
          });
          continue;
        }
        const nearMiss = nearMissTemplate(
          selector,
          index.nearMissCandidates(policy, selector, scope).filter((t) => index.sameNamespace(policy, t)),
          !index.dirHasCustomResources(policy.dir),
        );
        if (!nearMiss) {
          const meant = index.podsItCouldMean(policy, scope);
          if (meant.length > 0)
            ctx.report({
              at: selectorNode,
              message: `NetworkPolicy "${name}" selects ${shown}, which no pod template carries, though its ${scope === 'file' ? 'file' : scope === 'folder' ? 'folder' : 'run'} defines ${meant
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
          message: `NetworkPolicy "${name}" selects ${shown}, which no pod template carries; did you mean ${describe(nearMiss)}, labelled ${theirs}?`,
        });
      }
    },
  },
});
