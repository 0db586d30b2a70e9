import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { objectIndex, simpleSelector, type IndexedObject, type ObjectIndex } from '../_lib/object-index.js';

/** Labels every workload of a release or chart carries. */
const RELEASE_KEYS = new Set([
  'app.kubernetes.io/instance',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by',
  'app.kubernetes.io/version',
  'helm.sh/chart',
  'chart',
  'release',
  'heritage',
]);

/** Labels that tell one application or component from another. */
const IDENTITY_KEYS = ['app.kubernetes.io/name', 'app.kubernetes.io/component', 'app', 'component', 'k8s-app', 'name'];

export default defineRule({
  meta: {
    id: 'selector-spans-apps',
    title: 'Service or PodDisruptionBudget selects the pods of two applications',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      "A selector that only names what several workloads share (the release, `app.kubernetes.io/instance`, `part-of`) matches all of them: a Service then load-balances between, say, the web frontend and the database, so some requests hit the wrong port of the wrong program; a PodDisruptionBudget counts both workloads' pods as one pool.",
    remediation:
      'Add the label that tells the workloads apart (`app.kubernetes.io/name` or `component`) to the selector. Judged only for selectors made of labels a whole release shares (`app.kubernetes.io/instance`, `part-of`, `managed-by`, `version`, `release`, `chart`, `heritage`), when the selected pod templates (same namespace, same folder or one around it) carry different values of `app.kubernetes.io/name`, `app.kubernetes.io/component`, `app`, `component`, `k8s-app` or `name`; canary and stable versions of one app share those and are not reported.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app.kubernetes.io/instance: shop}\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: web}\n  template:\n    metadata:\n      labels: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: db}\n  template:\n    metadata:\n      labels: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: db}\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: web}\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: web}\n  template:\n    metadata:\n      labels: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: db}\n  template:\n    metadata:\n      labels: {app.kubernetes.io/instance: shop, app.kubernetes.io/name: db}\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      if (workloads.length < 2) return;
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      for (const service of index.ofKind('Service')) {
        if (service.object.apiVersion !== 'v1') continue;
        const node = service.object.node.at('spec', 'selector');
        const selector = simpleSelector(node?.value === undefined ? undefined : { matchLabels: node.value });
        if (node && selector) check(index, service, node, selector, (at, message) => ctx.report({ at, message }));
      }
      for (const pdb of index.ofKind('PodDisruptionBudget')) {
        const node = pdb.object.node.at('spec', 'selector');
        const selector = simpleSelector(node?.value);
        if (node && selector) check(index, pdb, node, selector, (at, message) => ctx.report({ at, message }));
      }
    },
  },
});

function check(
  index: ObjectIndex,
  owner: IndexedObject,
  at: KNode,
  selector: Record<string, string>,
  report: (at: KNode, message: string) => void,
): void {
  // Only selectors made of labels a whole release shares are judged: one that names an application,
  // a component or a feature (`redis-sentinel: "true"` on every pod that runs a sentinel) chose its pods.
  if (Object.keys(selector).length === 0 || !Object.keys(selector).every((k) => RELEASE_KEYS.has(k))) return;
  const selected = index
    .templatesMatching(selector)
    .filter((t) => !t.object.partial && index.sameNamespace(owner, t) && index.related(owner, t));
  for (const key of IDENTITY_KEYS) {
    const values = new Map<string, string>();
    for (const t of selected) {
      const value = t.labels[key];
      if (value !== undefined && !values.has(value)) values.set(value, `${t.object.kind} "${t.object.name ?? ''}"`);
    }
    if (values.size < 2) continue;
    const shown = [...values]
      .slice(0, 3)
      .map(([v, w]) => `${w} (${key}=${v})`)
      .join(', ');
    report(
      at,
      `${owner.object.kind} "${owner.object.name ?? ''}" selects the pods of ${shown}${values.size > 3 ? ', …' : ''}: add ${key} to the selector so it picks one of them`,
    );
    return;
  }
}
