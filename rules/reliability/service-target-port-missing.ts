import { defineRule } from '../../src/engine/rule.js';
import { isMapping, stringMap } from '../../src/model/k8s.js';
import { objectIndex } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'service-target-port-missing',
    title: 'Service targetPort names a port no selected container declares',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      'A named `targetPort` is looked up in the `ports` of the pods behind the Service. When no container declares a port of that name, the pod gets no endpoint for it: the Service has endpoints for nothing, and clients time out or are refused. (A numeric targetPort needs no declaration, so only names are checked.)',
    remediation:
      'Declare the port by that name in the container (`ports: [{name: http, containerPort: 8080}]`), fix the spelling, or use the port number. Ports that a kustomize patch among the linted files adds to the workload count as declared.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: http\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - name: web\n              containerPort: 8080\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: http\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - name: http\n              containerPort: 8080\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      if (workloads.length === 0) return;
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      for (const service of index.ofKind('Service')) {
        if (service.object.apiVersion !== 'v1') continue;
        const spec = service.object.node.get('spec');
        if (!spec || !isMapping(spec.value) || spec.value.type === 'ExternalName') continue;
        const selector = stringMap(spec.value.selector);
        if (Object.keys(selector).length === 0) continue;
        const selected = index
          .templatesMatching(selector)
          .filter((t) => !t.object.partial && index.sameNamespace(service, t) && index.related(service, t));
        if (selected.length === 0) continue;
        // Kustomize patches elsewhere in the run (a sidecar added by an overlay) declare ports too.
        const withPatches = selected.flatMap((t) => (t.object.name === undefined ? [t] : index.templatesOf(t.object.kind, t.object.name)));
        const declared = new Set(withPatches.flatMap((t) => t.ports.map((p) => p.name).filter((n): n is string => n !== undefined)));
        for (const port of spec.get('ports')?.items() ?? []) {
          const target = port.get('targetPort');
          if (!target || typeof target.value !== 'string' || /^\d+$/.test(target.value) || declared.has(target.value)) continue;
          const names = [...declared];
          ctx.report({
            at: target,
            message: `Service "${service.object.name ?? ''}" targets port "${target.value}", which no container of ${selected
              .map((t) => `${t.object.kind} "${t.object.name ?? ''}"`)
              .slice(0, 2)
              .join(
                ', ',
              )} declares (${names.length > 0 ? `named ports: ${names.join(', ')}` : 'no named ports'}): name the container port or use its number`,
          });
        }
      }
    },
  },
});
