import { stringMap, type KNode, type Workload } from '../../../src/model/k8s.js';
import type { IndexedObject, ObjectIndex, PodTemplate } from '../../_lib/object-index.js';

/** How a pod template is reachable from outside the cluster: the Service or Ingress, and the node to report. */
export interface Exposure {
  /** `Service "x" (type LoadBalancer)`, `Ingress "y" through Service "x"`. */
  via: string;
  at: KNode;
  service: IndexedObject;
  /** Ports of the Service that reach the pods (port and targetPort values as written). */
  ports: Array<{ port?: unknown; targetPort?: unknown }>;
}

const EXTERNAL_TYPES = new Set(['LoadBalancer', 'NodePort']);

function servicePorts(service: IndexedObject): Exposure['ports'] {
  return (service.object.node.at('spec', 'ports')?.items() ?? []).map((p) => ({
    port: p.get('port')?.value,
    targetPort: p.get('targetPort')?.value,
  }));
}

function selected(index: ObjectIndex, service: IndexedObject): PodTemplate[] {
  const selector = stringMap(service.object.node.at('spec', 'selector')?.value);
  if (Object.keys(selector).length === 0) return [];
  return index.templatesMatching(selector).filter((t) => index.sameNamespace(service, t) && !t.object.partial);
}

/** Ingress backends' Service names with the node naming each. */
function ingressBackends(ingress: IndexedObject): Array<{ name: string; at: KNode }> {
  const out: Array<{ name: string; at: KNode }> = [];
  const add = (backend: KNode | undefined): void => {
    const name = backend?.at('service', 'name') ?? backend?.get('serviceName');
    if (name && typeof name.value === 'string') out.push({ name: name.value, at: name });
  };
  const spec = ingress.object.node.get('spec');
  add(spec?.get('defaultBackend') ?? spec?.get('backend'));
  for (const rule of spec?.get('rules')?.items() ?? [])
    for (const path of rule.at('http', 'paths')?.items() ?? []) add(path.get('backend'));
  return out;
}

/** Every pod template of the run reachable from outside: selected by a LoadBalancer/NodePort Service or by a Service an Ingress routes to. */
export function externalExposures(index: ObjectIndex): Map<Workload, Exposure[]> {
  const out = new Map<Workload, Exposure[]>();
  const add = (template: PodTemplate, exposure: Exposure): void => {
    out.set(template.workload, [...(out.get(template.workload) ?? []), exposure]);
  };
  for (const service of index.ofKind('Service')) {
    if (service.object.apiVersion !== 'v1' || service.object.partial) continue;
    const type = service.object.node.at('spec', 'type');
    if (typeof type?.value !== 'string' || !EXTERNAL_TYPES.has(type.value)) continue;
    for (const template of selected(index, service))
      add(template, {
        via: `Service "${service.object.name ?? ''}" (type ${type.value})`,
        at: type,
        service,
        ports: servicePorts(service),
      });
  }
  for (const ingress of index.ofKind('Ingress')) {
    if (!ingress.object.apiVersion.startsWith('networking.k8s.io/') && !ingress.object.apiVersion.startsWith('extensions/')) continue;
    for (const backend of ingressBackends(ingress)) {
      for (const service of index.resolve(ingress, 'Service', backend.name)) {
        for (const template of selected(index, service))
          add(template, {
            via: `Ingress "${ingress.object.name ?? ''}" (through Service "${backend.name}")`,
            at: backend.at,
            service,
            ports: servicePorts(service),
          });
      }
    }
  }
  return out;
}
