import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';
import {
  objectIndex,
  scopeOption,
  SCOPE_OPTION_SCHEMA,
  simpleSelector,
  type IndexedObject,
  type PodTemplate,
} from '../_lib/object-index.js';

/** Pod templates of the built-in workload kinds; operators add their own labels to the pods of custom resources. */
const BUILT_IN_GROUP = /^(v1|(apps|batch)\/[^/]+)$/;

/** Policy kinds of CNI plugins, which select pods in ways not modelled here: their namespaces are not judged. */
const OTHER_POLICY_KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy', 'AuthorizationPolicy'];

export default defineRule({
  meta: {
    id: 'pod-not-isolated',
    title: 'Pod selected by no NetworkPolicy of its namespace',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['non-isolated-pod', 'pod-networkpolicy', 'missingNetworkPolicy', 'CKV2_K8S_6'],
    rationale:
      'A pod that no NetworkPolicy selects accepts traffic from every pod of the cluster and may connect anywhere. When the linted files do define policies for a namespace, a workload left out is usually an oversight: the one pod an attacker can reach everything from.',
    remediation:
      "Add a NetworkPolicy that selects the pod (or a default-deny policy with `podSelector: {}` for the namespace, plus the allows it needs). Judged only where the workload's file (a `helm template` or `kustomize build` stream read as one file; option `scope: folder`: its folder and the folders around it, `scope: run`: every linted file) defines NetworkPolicies for its namespace; namespaces with CNI-specific policies (Cilium, Calico, Istio AuthorizationPolicy) and pods of custom resources, which their operator labels, are not judged.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n    - ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  selector:\n    matchLabels: {app: worker}\n  template:\n    metadata:\n      labels: {app: worker}\n    spec:\n      containers:\n        - name: worker\n          image: worker:1.0\n',
        good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  selector:\n    matchLabels: {app: worker}\n  template:\n    metadata:\n      labels: {app: worker}\n    spec:\n      containers:\n        - name: worker\n          image: worker:1.0\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const policies = index.ofKind('NetworkPolicy').filter((p) => p.object.apiVersion.startsWith('networking.k8s.io/'));
      if (policies.length === 0) return;
      const others = index.ofKind(...OTHER_POLICY_KINDS);
      const scope = scopeOption(ctx.options);
      const inScope = (p: IndexedObject, t: PodTemplate): boolean =>
        scope === 'file' ? p.stream === t.stream : index.related(p, t, scope);
      const reported = new Set<unknown>();
      for (const template of index.templates) {
        if (
          template.object.partial ||
          template.workload.containers.length === 0 ||
          !BUILT_IN_GROUP.test(template.object.apiVersion) ||
          reported.has(template.object)
        )
          continue;
        const applicable = policies.filter((p) => index.sameNamespace(p, template) && inScope(p, template));
        if (
          applicable.length === 0 ||
          others.some((o) => index.related(o, template) && (o.clusterScoped || index.sameNamespace(o, template)))
        )
          continue;
        if (applicable.some((p) => mayselect(p, template))) continue;
        const at = template.object.node.at('metadata', 'name') ?? template.object.node;
        reported.add(template.object);
        ctx.report({
          at,
          message: `${template.object.kind} "${template.object.name ?? ''}": no NetworkPolicy of namespace "${template.namespace}" selects its pods (${
            Object.entries(template.labels)
              .map(([k, v]) => `${k}=${v}`)
              .join(',') || 'no labels'
          }), so they accept traffic from anywhere; add one, or a default deny`,
        });
      }
    },
  },
});

/** The policy selects (or, with matchExpressions, may select) the template's pods. */
function mayselect(policy: IndexedObject, template: PodTemplate): boolean {
  const value = policy.object.node.at('spec', 'podSelector')?.value;
  if (value === undefined || value === null) return true;
  if (!isMapping(value)) return true;
  const selector = simpleSelector(value);
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => template.labels[k] === v);
}
