import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA, type IndexedObject, type ObjectIndex, type Scope } from '../_lib/object-index.js';

interface Backend {
  name: KNode;
  /** `port.number`, `port.name` or `servicePort`. */
  port?: KNode;
}

export default defineRule({
  meta: {
    id: 'ingress-backend-missing',
    title: 'Ingress routes to a Service or port that does not exist',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['dangling-ingress', 'ingress-targets-service'],
    rationale:
      'An Ingress backend that names a missing Service, or a port the Service does not expose, answers 503 (or 404) for its paths; the controller logs it, and nothing fails at apply time.',
    remediation:
      "Make `backend.service.name` and `port.number` (or `port.name`) those of a Service in the Ingress's namespace. A missing Service is reported when the same name exists only in another namespace, when a close name exists (a typo), or when the Ingress's file (a `helm template` or `kustomize build` stream read as one file; option `scope: folder`: its folder, `scope: run`: every linted file) defines other Services but not this one, and no custom resource of the folder is named like its operator-made origin (RayCluster `demo` makes Service `demo-head-svc`); a port is checked whenever the Service is among the linted files.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port: {number: 8080}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n',
        good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port: {number: 80}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      for (const ingress of index.ofKind('Ingress')) {
        for (const backend of backendsOf(ingress.object.node)) {
          const message = problemOf(index, ingress, scope, backend);
          if (message) ctx.report({ at: message.at, message: `Ingress "${ingress.object.name ?? ''}" routes to ${message.text}` });
        }
      }
    },
  },
});

function problemOf(index: ObjectIndex, ingress: IndexedObject, scope: Scope, backend: Backend): { at: KNode; text: string } | undefined {
  const name = backend.name.value;
  if (typeof name !== 'string') return undefined;
  const services = index.resolve(ingress, 'Service', name).filter((s) => index.related(ingress, s, scope));
  if (services.length === 0) {
    if (index.resolve(ingress, 'Service', name).length > 0) return undefined;
    const problem = index.problemWith(ingress, scope, 'Service', name);
    return problem ? { at: backend.name, text: `Service "${name}", but ${problem}` } : undefined;
  }
  const port = backend.port?.value;
  if (!backend.port || (typeof port !== 'number' && typeof port !== 'string')) return undefined;
  const exposed = services.flatMap((s) => (s.object.node.at('spec', 'ports')?.items() ?? []).map((p) => p.value));
  const matches = exposed.some(
    (p) =>
      typeof p === 'object' &&
      p !== null &&
      (typeof port === 'number'
        ? (p as { port?: unknown }).port === port
        : (p as { name?: unknown }).name === port || String((p as { port?: unknown }).port) === port),
  );
  if (matches || exposed.length === 0) return undefined;
  const listed = exposed.map((p) => {
    const entry = p as { name?: unknown; port?: unknown };
    return typeof entry.name === 'string' ? `${entry.name} (${String(entry.port)})` : String(entry.port);
  });
  return { at: backend.port, text: `port ${String(port)} of Service "${name}", which exposes ${listed.join(', ')}` };
}

/** Service backends of an Ingress: `networking.k8s.io/v1` (`service.name`, `service.port`) and the beta APIs (`serviceName`, `servicePort`). */
function backendsOf(ingress: KNode): Backend[] {
  const spec = ingress.get('spec');
  if (!spec) return [];
  const raw: KNode[] = [];
  for (const key of ['defaultBackend', 'backend']) {
    const node = spec.get(key);
    if (node) raw.push(node);
  }
  for (const rule of spec.get('rules')?.items() ?? []) {
    for (const path of rule.at('http', 'paths')?.items() ?? []) {
      const node = path.get('backend');
      if (node) raw.push(node);
    }
  }
  const out: Backend[] = [];
  for (const node of raw) {
    const service = node.get('service');
    const name = service?.get('name') ?? node.get('serviceName');
    if (!name) continue;
    const port = service ? (service.at('port', 'number') ?? service.at('port', 'name')) : node.get('servicePort');
    out.push({ name, port });
  }
  return out;
}
