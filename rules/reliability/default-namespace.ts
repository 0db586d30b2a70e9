import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'default-namespace',
    title: 'Object placed in the default namespace',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['use-namespace', 'CKV_K8S_21', 'KSV110'],
    rationale:
      "The `default` namespace is where everything lands that nobody placed: RBAC, quotas, NetworkPolicies and Pod Security levels set there apply to unrelated workloads, and one team's `kubectl delete --all` hits another's. Opt-in: small clusters and demos use it on purpose.",
    remediation:
      'Give the application its own namespace (`metadata.namespace`, or the `namespace:` of a kustomization). Only an explicit `namespace: default` is reported: an object without a namespace gets one at apply time (`kubectl -n`, kustomize, Helm `--namespace`).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\ndata:\n  level: info\n',
        good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: shop\ndata:\n  level: info\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.namespace !== 'default') return;
      ctx.report({
        at: object.node.at('metadata', 'namespace')!,
        message: `${object.kind} "${object.name ?? ''}" is in the default namespace; give the application its own`,
      });
    },
  },
});
