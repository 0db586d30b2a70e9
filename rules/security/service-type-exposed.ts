import { defineRule } from '../../src/engine/rule.js';

const EXPOSED = new Set(['NodePort', 'LoadBalancer']);

export default defineRule({
  meta: {
    id: 'service-type-exposed',
    title: 'Service of type NodePort or LoadBalancer',
    severity: 'info',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['exposed-services', 'service-type'],
    rationale: 'A NodePort Service opens its port on every node, a LoadBalancer Service usually on the internet; both bypass the Ingress or Gateway where TLS, authentication and rate limits live. Teams that route all traffic through one entry point want each exception reviewed, hence opt-in.',
    remediation: 'Use `type: ClusterIP` behind an Ingress or Gateway, or restrict a LoadBalancer with `loadBalancerSourceRanges` or an internal-LB annotation. Allow types with the `allowedTypes` option.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n    - port: 80\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types'],
    options: {
      schema: { type: 'object', properties: { allowedTypes: { type: 'array', items: { enum: ['NodePort', 'LoadBalancer'] }, description: 'Exposed types that are not reported.' } }, additionalProperties: false },
      defaults: { allowedTypes: [] },
    },
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'Service' || object.apiVersion !== 'v1') return;
      const type = object.node.at('spec', 'type');
      const allowed = Array.isArray(ctx.options.allowedTypes) ? ctx.options.allowedTypes : [];
      if (!type || typeof type.value !== 'string' || !EXPOSED.has(type.value) || allowed.includes(type.value)) return;
      ctx.report({ at: type, message: `Service "${object.name ?? ''}" is of type ${type.value}, reachable from outside the cluster without the Ingress or Gateway: use ClusterIP behind one, or allow the type` });
    },
  },
});
