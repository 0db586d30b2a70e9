import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';

/** The kubelet's defaults for a probe's timing fields. */
const PERIOD_DEFAULT = 10;
const FAILURE_THRESHOLD_DEFAULT = 3;

export default defineRule({
  meta: {
    id: 'aggressive-liveness-probe',
    title: 'Liveness probe that can kill a slow-starting container, without a startup probe',
    severity: 'warning',
    category: 'reliability',
    status: 'preview',
    since: '0.1.0',
    aliases: [],
    rationale:
      'Without a startup probe, the liveness probe runs from the start (after `initialDelaySeconds`). A container that needs longer than `initialDelaySeconds + periodSeconds × failureThreshold` to start (a JVM, a model loaded into GPU memory, a cache warm-up, or the same image on a busier node) is killed before it ever serves, and loops in CrashLoopBackOff. Preview: whether the window is too short depends on the application, which a linter cannot know.',
    remediation:
      'Add a `startupProbe` with the same check and a generous `failureThreshold × periodSeconds` (liveness starts only after it succeeds), instead of a long `initialDelaySeconds`. Reported when a container has a liveness probe, no startup probe, and a window shorter than `minStartupSeconds` (default 30, what the probe defaults give).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: llm\nspec:\n  containers:\n    - name: llm\n      image: vllm/vllm-openai:v0.6.3\n      livenessProbe:\n        httpGet: {path: /health, port: 8000}\n        periodSeconds: 5\n        failureThreshold: 2\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: llm\nspec:\n  containers:\n    - name: llm\n      image: vllm/vllm-openai:v0.6.3\n      startupProbe:\n        httpGet: {path: /health, port: 8000}\n        periodSeconds: 10\n        failureThreshold: 60\n      livenessProbe:\n        httpGet: {path: /health, port: 8000}\n        periodSeconds: 5\n        failureThreshold: 2\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          minStartupSeconds: {
            type: 'number',
            minimum: 0,
            description: 'Shortest acceptable time from container start to the first liveness restart.',
          },
        },
        additionalProperties: false,
      },
      defaults: { minStartupSeconds: 30 },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const liveness = container.node.get('livenessProbe');
      // A kustomize patch may change the liveness probe of a base that has a startup probe.
      if (!liveness || !isMapping(liveness.value) || container.node.get('startupProbe') || container.workload.object.partial) return;
      const seconds = (field: string, fallback: number): number | undefined => {
        const value = (liveness.value as Record<string, unknown>)[field];
        if (value === undefined || value === null) return fallback;
        return typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
      };
      const delay = seconds('initialDelaySeconds', 0);
      const period = seconds('periodSeconds', PERIOD_DEFAULT);
      const threshold = seconds('failureThreshold', FAILURE_THRESHOLD_DEFAULT);
      if (delay === undefined || period === undefined || threshold === undefined) return;
      const window = delay + period * threshold;
      const minimum = typeof ctx.options.minStartupSeconds === 'number' ? ctx.options.minStartupSeconds : 30;
      if (window >= minimum) return;
      ctx.report({
        at: liveness,
        message: `container "${container.name}" is restarted if it has not started within ${window}s (initialDelaySeconds ${delay} + periodSeconds ${period} × failureThreshold ${threshold}); add a startupProbe so a slow start is not killed`,
      });
    },
  },
});
