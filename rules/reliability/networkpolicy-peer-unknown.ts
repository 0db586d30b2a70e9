import { defineRule } from '../../src/engine/rule.js';
import { stringMap, type KNode } from '../../src/model/k8s.js';
import { objectIndex, simpleSelector, type IndexedObject, type ObjectIndex } from '../_lib/object-index.js';

const NAME_LABEL = 'kubernetes.io/metadata.name';
/** Namespaces every cluster has, which a run rarely defines. */
const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Label sets of the namespaces the run knows: its Namespaces, and the names of any namespace its objects use. */
function knownNamespaces(index: ObjectIndex): Array<Record<string, string>> {
  const labelled = index.ofKind('Namespace').map((ns) => ({
    ...stringMap(ns.object.node.at('metadata', 'labels')?.value),
    [NAME_LABEL]: ns.object.name ?? '',
  }));
  const used = [...new Set([...BUILT_IN_NAMESPACES, ...index.objects.map((o) => o.namespace)])].map((name) => ({ [NAME_LABEL]: name }));
  return [...labelled, ...used];
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function shown(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The `from` / `to` peers of every ingress and egress rule. */
function peers(policy: IndexedObject): KNode[] {
  const spec = policy.object.node.get('spec');
  const ofRules = (section: string, field: string): KNode[] =>
    (spec?.get(section)?.items() ?? []).flatMap((rule) => rule.get(field)?.items() ?? []);
  return [...ofRules('ingress', 'from'), ...ofRules('egress', 'to')];
}

export default defineRule({
  meta: {
    id: 'networkpolicy-peer-unknown',
    title: 'NetworkPolicy peer selects no namespace or pod of the run',
    severity: 'info',
    category: 'reliability',
    status: 'preview',
    since: '0.2.0',
    aliases: [],
    rationale:
      'An ingress or egress peer whose `namespaceSelector` or `podSelector` matches nothing allows no traffic: the connection the rule was written for stays blocked by the default deny, and nothing says why. A label typo, or a namespace label that was never set, is the usual cause.',
    remediation:
      "Make the peer's labels agree with those of the Namespace or pod template it was meant for. A `namespaceSelector` is judged only when the run defines Namespaces with labels; `kubernetes.io/metadata.name` matches a Namespace by name, any namespace the run's objects use, and the built-in namespaces. A `podSelector` without a `namespaceSelector` is judged only when the run holds pod templates in the policy's namespace and its folder defines no custom resource (whose operator makes pods with labels of its own). Empty selectors and `matchExpressions` are not judged.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n  labels: {team: observability}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-scrape\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: {team: observabilty}\n',
        good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n  labels: {team: observability}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-scrape\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: {team: observability}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const policies = index.ofKind('NetworkPolicy').filter((p) => p.object.apiVersion === 'networking.k8s.io/v1');
      if (policies.length === 0) return;
      const judgeNamespaces = index
        .ofKind('Namespace')
        .some((ns) => Object.keys(stringMap(ns.object.node.at('metadata', 'labels')?.value)).length > 0);
      const namespaces = judgeNamespaces ? knownNamespaces(index) : [];
      for (const policy of policies) {
        const name = policy.object.name ?? '';
        const podsHere = index.templates.filter((t) => index.sameNamespace(policy, t));
        const judgePods = podsHere.length > 0 && !index.dirHasCustomResources(policy.dir);
        for (const peer of peers(policy)) {
          const nsNode = peer.get('namespaceSelector');
          const nsSelector = simpleSelector(nsNode?.value);
          if (nsNode && nsSelector && Object.keys(nsSelector).length > 0) {
            if (judgeNamespaces && !namespaces.some((labels) => matches(nsSelector, labels)))
              ctx.report({
                at: nsNode,
                message: `NetworkPolicy "${name}" allows namespaces labelled ${shown(nsSelector)}, but no Namespace of the run carries those labels: the peer matches nothing`,
              });
            continue;
          }
          if (nsNode || !judgePods) continue;
          const podNode = peer.get('podSelector');
          const podSelector = simpleSelector(podNode?.value);
          if (!podNode || !podSelector || Object.keys(podSelector).length === 0) continue;
          if (podsHere.some((t) => matches(podSelector, t.labels))) continue;
          ctx.report({
            at: podNode,
            message: `NetworkPolicy "${name}" allows pods labelled ${shown(podSelector)} in namespace "${policy.namespace}", but no pod template there carries those labels: the peer matches nothing`,
          });
        }
      }
    },
  },
});
