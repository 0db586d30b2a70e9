import { defineRule } from '../../src/engine/rule.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA } from '../_lib/object-index.js';

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

export default defineRule({
  meta: {
    id: 'gateway-route-ref-missing',
    title: 'Gateway API route refers to a Gateway, Service or port that does not exist',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      "A route whose `parentRefs` name a missing Gateway is attached to nothing and serves no traffic; a `backendRefs` entry naming a missing Service, or a port the Service does not expose, answers 500 for its share of the traffic. Both show only in the route's status conditions.",
    remediation:
      "Fix the name, namespace or port. A missing Gateway or Service is reported when the same name exists only in another namespace, when a close name exists (a typo), or when the route's file (a `helm template` or `kustomize build` stream read as one file; option `scope: folder`: its folder, `scope: run`: every linted file) defines other objects of that kind but not this one; a port is checked whenever the Service is among the linted files. References to other kinds are not judged.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  parentRefs:\n    - name: public-gw\n  rules:\n    - backendRefs:\n        - name: web\n          port: 8080\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: example\n  listeners:\n    - {name: http, protocol: HTTP, port: 80}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n',
        good: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  parentRefs:\n    - name: public\n  rules:\n    - backendRefs:\n        - name: web\n          port: 80\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: example\n  listeners:\n    - {name: http, protocol: HTTP, port: 80}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n',
      },
    ],
    references: ['https://gateway-api.sigs.k8s.io/api-types/httproute/'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      for (const route of index.ofKind(...ROUTE_KINDS)) {
        if (!route.object.apiVersion.startsWith('gateway.networking.k8s.io/')) continue;
        const label = `${route.object.kind} "${route.object.name ?? ''}"`;
        for (const parent of route.object.node.at('spec', 'parentRefs')?.items() ?? []) {
          const name = parent.get('name');
          const kind = parent.get('kind')?.value ?? 'Gateway';
          if (kind !== 'Gateway' || typeof name?.value !== 'string') continue;
          const ns = parent.get('namespace')?.value;
          const problem = index.problemWith(route, scope, 'Gateway', name.value, typeof ns === 'string' ? ns : undefined);
          if (problem) ctx.report({ at: name, message: `${label} attaches to Gateway "${name.value}", but ${problem}` });
        }
        for (const rule of route.object.node.at('spec', 'rules')?.items() ?? []) {
          for (const backend of rule.get('backendRefs')?.items() ?? []) {
            const name = backend.get('name');
            const kind = backend.get('kind')?.value ?? 'Service';
            const group = backend.get('group')?.value ?? '';
            if (kind !== 'Service' || group !== '' || typeof name?.value !== 'string') continue;
            const ns = backend.get('namespace')?.value;
            const namespace = typeof ns === 'string' ? ns : undefined;
            const services = index.resolve(route, 'Service', name.value, namespace);
            if (services.length === 0) {
              const problem = index.problemWith(route, scope, 'Service', name.value, namespace);
              if (problem) ctx.report({ at: name, message: `${label} sends traffic to Service "${name.value}", but ${problem}` });
              continue;
            }
            const port = backend.get('port');
            const related = services.filter((s) => index.related(route, s, scope));
            if (!port || typeof port.value !== 'number' || related.length === 0) continue;
            const exposed = related.flatMap((s) => (s.object.node.at('spec', 'ports')?.items() ?? []).map((p) => p.get('port')?.value));
            if (exposed.length === 0 || exposed.includes(port.value)) continue;
            ctx.report({
              at: port,
              message: `${label} sends traffic to port ${port.value} of Service "${name.value}", which exposes ${exposed.map(String).join(', ')}`,
            });
          }
        }
      }
    },
  },
});
