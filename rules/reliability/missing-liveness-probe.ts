import { defineRule } from '../../src/engine/rule.js';
import { isLongRunningBuiltIn } from '../_lib/workload.js';

export default defineRule({
  meta: {
    id: 'missing-liveness-probe',
    title: 'Long-running container without a liveness probe',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['no-liveness-probe', 'livenessProbeMissing', 'CKV_K8S_8'],
    rationale:
      'A process that deadlocks or hangs without exiting is never restarted without a liveness probe: the pod stays Running and does nothing. Opt-in, because a liveness probe that is too strict (one that fails under load, or checks a dependency) restarts healthy pods and turns a slowdown into an outage; add one only where a hang is a real failure mode.',
    remediation:
      'Add a `livenessProbe` that checks only the process itself (not its dependencies), with a generous `failureThreshold`, and a `startupProbe` if it starts slowly. Judged on the regular containers of long-running built-in workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, bare Pods that restart Always); Jobs, CronJobs, init containers, custom resources and kustomize patches are not.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          livenessProbe:\n            tcpSocket: {port: 80}\n            failureThreshold: 6\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const { workload } = container;
      if (container.type !== 'regular' || workload.object.partial || !isLongRunningBuiltIn(workload)) return;
      if (container.node.get('livenessProbe')) return;
      ctx.reportMissing(
        container.node,
        ['livenessProbe'],
        `container "${container.name}" has no liveness probe; a hung process is never restarted`,
      );
    },
  },
});
