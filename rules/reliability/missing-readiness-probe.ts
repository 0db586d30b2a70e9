import { dirname } from 'node:path';
import { defineRule } from '../../src/engine/rule.js';
import { isMapping, stringMap, type K8sObject, type Workload } from '../../src/model/k8s.js';
import { isLongRunningBuiltIn, sameNamespace } from '../_lib/workload.js';

export default defineRule({
  meta: {
    id: 'missing-readiness-probe',
    title: 'Serving container without a readiness probe',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['no-readiness-probe', 'readinessProbeMissing', 'CKV_K8S_9', 'pod-probes'],
    rationale:
      'Without a readiness probe a pod receives traffic as soon as its container starts, before the application listens or has warmed up, and keeps receiving it while it is overloaded or has lost its database. Rolling updates also move on before the new pods can serve, so a broken release replaces every working pod.',
    remediation:
      'Add a `readinessProbe` that checks the application can serve (an HTTP health endpoint, or a TCP check of its port). Judged on the regular containers of long-running workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, bare Pods that restart Always) when none of their containers has one (the pod is ready only when all its containers are, so one probe gates its traffic), on containers that serve traffic: the container declares a port (not enough for a bare Pod, which is never rolled out), or a Service among the linted files of the same folder selects the pod. Jobs, CronJobs, init containers and custom resources (KServe, Knative and KubeRay add probes to the pods they create) are not judged, nor are kustomize patches.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n          readinessProbe:\n            httpGet: {path: /, port: 80}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const services = serviceIndex(objects.filter((o) => o.kind === 'Service' && o.apiVersion === 'v1'));
      for (const workload of workloads) {
        if (workload.object.partial || !isLongRunningBuiltIn(workload)) continue;
        const regular = workload.containers.filter((c) => c.type === 'regular');
        // The pod is ready only when all its containers are: one probe (the application's) gates its traffic.
        if (regular.some((c) => c.node.get('readinessProbe'))) continue;
        const selected = selectedByService(workload, services);
        for (const container of regular) {
          // A bare Pod is not rolled out: its readiness matters only to a Service in front of it.
          const ports = workload.object.kind === 'Pod' ? [] : (container.node.get('ports')?.items() ?? []);
          if (ports.length === 0 && !selected) continue;
          const why = ports.length > 0 ? 'declares a port' : `is selected by Service "${selected?.name ?? ''}"`;
          ctx.reportMissing(
            container.node,
            ['readinessProbe'],
            `container "${container.name}" ${why} but has no readiness probe; add one so it gets traffic only when it can serve`,
          );
        }
      }
    },
  },
});

interface IndexedService {
  service: K8sObject;
  order: number;
  selector: Array<[string, string]>;
}

/**
 * Services by folder and the first entry of their selector, built once per run: a workload looks up
 * only the Services one of its template labels could select, not every Service of the run (10k
 * Deployment and Service files took minutes with a scan per workload).
 */
function serviceIndex(services: readonly K8sObject[]): Map<string, IndexedService[]> {
  const index = new Map<string, IndexedService[]>();
  services.forEach((service, order) => {
    const spec = service.node.value.spec;
    const selector = Object.entries(stringMap(isMapping(spec) ? spec.selector : undefined));
    const first = selector[0];
    if (!first) return;
    const key = `${dirname(service.file.source.path)}\u0000${first[0]}\u0000${first[1]}`;
    const list = index.get(key);
    if (list) list.push({ service, order, selector });
    else index.set(key, [{ service, order, selector }]);
  });
  return index;
}

/** The first Service (in run order) in the workload's folder and namespace whose selector its template labels match. */
function selectedByService(workload: Workload, services: Map<string, IndexedService[]>): K8sObject | undefined {
  const dir = dirname(workload.object.file.source.path);
  let best: IndexedService | undefined;
  for (const [label, value] of Object.entries(workload.templateLabels)) {
    for (const candidate of services.get(`${dir}\u0000${label}\u0000${value}`) ?? []) {
      if (best && best.order <= candidate.order) continue;
      if (!sameNamespace(candidate.service.namespace, workload.object.namespace)) continue;
      if (candidate.selector.every(([k, v]) => workload.templateLabels[k] === v)) best = candidate;
    }
  }
  return best?.service;
}
