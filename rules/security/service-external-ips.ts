import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'service-external-ips',
    title: 'Service sets externalIPs',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['KSV108'],
    rationale: '`spec.externalIPs` makes every node route traffic for those addresses to the Service, with no check that the creator owns them: anyone who can create a Service can intercept traffic meant for any IP (CVE-2020-8554). Clusters usually block the field with an admission policy, so manifests that set it fail to apply there.',
    remediation: 'Use `type: LoadBalancer` or an Ingress/Gateway to expose the Service. If the addresses are really yours and the cluster allows it, suppress with the reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n  externalIPs:\n    - 203.0.113.10\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports:\n    - port: 80\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#external-ips', 'https://github.com/kubernetes/kubernetes/issues/97076'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'Service' || object.apiVersion !== 'v1') return;
      const ips = object.node.at('spec', 'externalIPs');
      if (!ips || ips.items().length === 0) return;
      ctx.report({ at: ips, message: `Service "${object.name ?? ''}" sets externalIPs (${ips.items().map((i) => String(i.value)).join(', ')}): nodes route traffic for them with no ownership check (CVE-2020-8554); use a LoadBalancer or an Ingress` });
    },
  },
});
