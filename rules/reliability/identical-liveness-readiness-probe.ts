import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'identical-liveness-readiness-probe',
    title: 'Liveness probe identical to the readiness probe',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['pod-probes-identical'],
    rationale:
      'Readiness and liveness answer different questions: "can it take traffic now?" and "is it broken beyond repair?". With the same probe, a pod that is briefly overloaded fails both at once and is restarted instead of being taken out of the load balancer for a moment; under load this restarts pod after pod and turns a slowdown into an outage.',
    remediation:
      'Make the liveness probe more lenient than the readiness probe: a higher `failureThreshold` or `periodSeconds`, or an endpoint that checks only the process and not its dependencies. Reported when both probes are written exactly the same (same handler, port, path and timings).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        httpGet: {path: /healthz, port: 80}\n      livenessProbe:\n        httpGet: {path: /healthz, port: 80}\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        httpGet: {path: /healthz, port: 80}\n      livenessProbe:\n        httpGet: {path: /healthz, port: 80}\n        failureThreshold: 6\n',
      },
    ],
    references: [
      'https://github.com/zegl/kube-score/blob/master/README_PROBES.md',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const liveness = container.node.get('livenessProbe');
      const readiness = container.node.get('readinessProbe');
      if (!liveness || !readiness || liveness.value === null || canonical(liveness.value) !== canonical(readiness.value)) return;
      ctx.report({
        at: liveness,
        message: `container "${container.name}" has a liveness probe identical to its readiness probe; make liveness more lenient (a higher failureThreshold) so an overloaded pod is not restarted`,
      });
    },
  },
});

/** JSON with sorted keys, so key order does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
