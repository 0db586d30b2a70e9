import { defineRule } from '../../src/engine/rule.js';
import type { Container, K8sObject, KNode, KNodePart, Workload } from '../../src/model/k8s.js';
import { objectIndex, type IndexedObject, type ObjectIndex } from '../_lib/object-index.js';
import { isUnsetQuantity, limitRangeDefaultsFor, resourceOf } from '../_lib/resources.js';

/** A utilization target of an HPA: the resource, the container it is limited to, and where to report. */
interface UtilizationMetric {
  resource: string;
  container?: string;
  at: KNode | KNodePart;
}

function isUtilization(item: KNode): boolean {
  const target = item.get('target');
  if (target) return target.get('type')?.value === 'Utilization';
  // autoscaling/v2beta1 spelling.
  return item.get('targetAverageUtilization') !== undefined;
}

function utilizationMetrics(hpa: K8sObject, ref: KNode): UtilizationMetric[] {
  const spec = hpa.node.get('spec');
  if (!spec) return [];
  if (hpa.apiVersion === 'autoscaling/v1') {
    const percent = spec.get('targetCPUUtilizationPercentage');
    // Without a target the API server defaults to 80 % CPU utilization.
    return [{ resource: 'cpu', at: percent ? percent.key() : ref }];
  }
  const metrics = spec.get('metrics');
  if (!metrics || metrics.items().length === 0) return [{ resource: 'cpu', at: ref }];
  const found: UtilizationMetric[] = [];
  for (const metric of metrics.items()) {
    const type = metric.get('type')?.value;
    const item = type === 'Resource' ? metric.get('resource') : type === 'ContainerResource' ? metric.get('containerResource') : undefined;
    const name = item?.get('name');
    if (!item || typeof name?.value !== 'string' || !isUtilization(item)) continue;
    if (name.value !== 'cpu' && name.value !== 'memory') continue;
    const container = item.get('container')?.value;
    if (type === 'ContainerResource' && typeof container !== 'string') continue;
    found.push({ resource: name.value, container: typeof container === 'string' ? container : undefined, at: name });
  }
  return found;
}

/** Whether the container requests the resource; the API server copies an unset request from the limit. */
function requests(container: Container, resource: string): boolean {
  return !isUnsetQuantity(resourceOf(container, 'requests', resource)) || !isUnsetQuantity(resourceOf(container, 'limits', resource));
}

/** The whole pod templates of the HPA's target, or undefined when the run does not hold all of it. */
function targetWorkloads(index: ObjectIndex, hpa: IndexedObject, kind: string, name: string): Workload[] | undefined {
  const targets = index.resolve(hpa, kind, name);
  if (targets.length !== 1) return undefined;
  const templates = index.templatesOf(kind, name).filter((t) => targets.some((target) => target.object === t.object));
  // A kustomize patch of the target may add the request.
  if (templates.length === 0 || templates.some((t) => t.object.partial)) return undefined;
  return templates.map((t) => t.workload);
}

export default defineRule({
  meta: {
    id: 'hpa-metric-without-request',
    title: 'HorizontalPodAutoscaler targets a utilization of a resource its pods do not request',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      'Utilization is usage divided by the request: when a container of the scaled pods requests no CPU (or memory) and no LimitRange of the namespace fills one in, the HPA controller reports `FailedGetResourceMetric` ("missing request for cpu") and never scales the workload.',
    remediation:
      "Give every container of the target (for a `ContainerResource` metric, the named container) a `resources.requests` entry for the resource, or scale on an `AverageValue` target instead. Judged only when the target workload is among the linted objects, in the HPA's namespace; a LimitRange of that namespace with a default request counts as a request. An HPA without metrics scales on 80 % CPU utilization.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 10\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 10\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests: {cpu: 100m}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#how-does-a-horizontalpodautoscaler-work'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const defaults = limitRangeDefaultsFor(objects);
      for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
        if (!hpa.object.apiVersion.startsWith('autoscaling/')) continue;
        const ref = hpa.object.node.at('spec', 'scaleTargetRef');
        const kind = ref?.get('kind')?.value;
        const name = ref?.get('name');
        if (!ref || typeof kind !== 'string' || typeof name?.value !== 'string') continue;
        const targets = targetWorkloads(index, hpa, kind, name.value);
        if (!targets) continue;
        for (const metric of utilizationMetrics(hpa.object, name)) {
          const missing = targets.flatMap((workload) =>
            defaults(workload).requests.has(metric.resource)
              ? []
              : workload.containers.filter(
                  (c) =>
                    c.type === 'regular' &&
                    (metric.container === undefined || c.name === metric.container) &&
                    !requests(c, metric.resource),
                ),
          );
          const names = [...new Set(missing.map((c) => c.name))];
          if (names.length === 0) continue;
          ctx.report({
            at: metric.at,
            message: `HorizontalPodAutoscaler "${hpa.object.name ?? ''}" scales ${kind} "${name.value}" on ${metric.resource} utilization, but container${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')} request${names.length > 1 ? '' : 's'} no ${metric.resource}: the utilization cannot be computed and the workload never scales`,
          });
        }
      }
    },
  },
});
