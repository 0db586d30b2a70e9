import { dirname } from 'node:path';
import { defineRule } from '../../src/engine/rule.js';
import { isMapping, stringMap } from '../../src/model/k8s.js';
import { editDistance } from '../../src/util/closest.js';

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
    remediation: 'Make every `spec.selector` label appear with the same value in the pod template labels of the workload it fronts, in the same namespace. Compared with the pod templates of the same folder (or the same `helm template` stream): reported when the matching pod template sits in another namespace, or when one in the same namespace is a near miss (some selector labels match and others do not, or a value differs by a typo). Pods of other charts and operators, which the linted files do not hold, are not judged. Services without a selector (manual Endpoints) and ExternalName Services are skipped.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/'],
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
        const dir = dirname(service.file.source.path);
        // Pods of other charts and operators (an Istio gateway, pods an operator labels itself) are
        // not among the linted objects: only pod templates of the same folder are compared.
        const local = workloads.filter((w) => dirname(w.object.file.source.path) === dir);
        const candidates = local.filter((w) => sameNamespace(service.namespace, w.object.namespace));
        if (candidates.some((w) => matchesAll(selector, w.templateLabels))) continue;
        const shown = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
        const elsewhere = local.find((w) => matchesAll(selector, w.templateLabels));
        if (elsewhere) {
          ctx.report({
            at: selectorNode,
            message: `Service "${service.name ?? ''}" in namespace "${service.namespace ?? ''}" selects ${shown}, which only ${elsewhere.object.kind} "${elsewhere.object.name ?? ''}" in namespace "${elsewhere.object.namespace ?? ''}" carries`,
          });
          continue;
        }
        const nearMiss = candidates.find((w) => isNearMiss(selector, w.templateLabels));
        if (!nearMiss) continue;
        const theirs = Object.keys(selector).filter((k) => k in nearMiss.templateLabels).map((k) => `${k}=${nearMiss.templateLabels[k]}`).join(',');
        ctx.report({
          at: selectorNode,
          message: `Service "${service.name ?? ''}" selects ${shown}, which no pod template among the linted objects carries (${nearMiss.object.kind} "${nearMiss.object.name ?? ''}" has ${theirs})`,
        });
      }
    },
  },
});

function matchesAll(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Some selector labels match and others do not, or a value differs by a typo. */
function isNearMiss(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  const exact = entries.filter(([k, v]) => labels[k] === v).length;
  if (exact > 0 && exact < entries.length) return true;
  return entries.some(([k, v]) => {
    const label = labels[k];
    return label !== undefined && label !== v && editDistance(label, v) <= 2;
  });
}

/** An unset namespace is filled in at apply time (kubectl -n, kustomize), so it may match any. */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
