import { defineRule } from '../../src/engine/rule.js';
import { isMapping, stringMap } from '../../src/model/k8s.js';

export default defineRule({
  meta: {
    id: 'service-selects-no-pods',
    title: 'Service whose selector matches no pod template',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['dangling-service', 'service-targets-pod', 'CKV2_K8S_1'],
    rationale: 'A Service routes to the pods its selector matches. A typo in a label, or a label changed on one side only, leaves it with no endpoints: clients get connection refused and nothing else fails.',
    remediation: 'Make every `spec.selector` label appear with the same value in the pod template labels of the workload it fronts, in the same namespace. Only checked when the linted files hold at least one pod template; Services without a selector (manual Endpoints) and ExternalName Services are skipped.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: webapp\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/'],
    fix: 'none',
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      if (workloads.length === 0) return;
      for (const service of objects) {
        if (service.kind !== 'Service' || service.apiVersion !== 'v1') continue;
        const spec = service.node.get('spec');
        if (!spec || !isMapping(spec.value) || spec.value.type === 'ExternalName') continue;
        const selectorNode = spec.get('selector');
        const selector = stringMap(selectorNode?.value);
        if (!selectorNode || Object.keys(selector).length === 0) continue;
        const matches = workloads.some((w) =>
          sameNamespace(service.namespace, w.object.namespace) &&
          Object.entries(selector).every(([k, v]) => w.templateLabels[k] === v));
        if (!matches) {
          const shown = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
          ctx.report({ at: selectorNode, message: `Service "${service.name ?? ''}" selects ${shown}, which no pod template among the linted objects carries` });
        }
      }
    },
  },
});

/** An unset namespace is filled in at apply time (kubectl -n, kustomize), so it may match any. */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
