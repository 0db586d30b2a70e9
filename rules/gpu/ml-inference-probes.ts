import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type KNode } from '../../src/model/k8s.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorMatcher, requestedAccelerators } from '../_lib/accelerators.js';
import { modelServerOf } from '../_lib/ml-workloads.js';

const PERIOD_DEFAULT = 10;
const FAILURE_THRESHOLD_DEFAULT = 3;
/** aggressive-liveness-probe's default: shorter liveness windows without a startup probe are reported there. */
const GENERIC_LIVENESS_MINIMUM = 30;

/** Seconds from container start until the probe gives up: initialDelaySeconds + periodSeconds × failureThreshold (undefined when not numbers). */
function budget(probe: KNode): { seconds: number; text: string } | undefined {
  if (!isMapping(probe.value)) return undefined;
  const value = probe.value;
  const field = (name: string, fallback: number): number | undefined => {
    const v = value[name];
    if (v === undefined || v === null) return fallback;
    return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const delay = field('initialDelaySeconds', 0);
  const period = field('periodSeconds', PERIOD_DEFAULT);
  const threshold = field('failureThreshold', FAILURE_THRESHOLD_DEFAULT);
  if (delay === undefined || period === undefined || threshold === undefined) return undefined;
  return {
    seconds: delay + period * threshold,
    text: `initialDelaySeconds ${delay} + periodSeconds ${period} × failureThreshold ${threshold}`,
  };
}

export default defineRule({
  meta: {
    id: 'ml-inference-probes',
    title: 'Model server whose probes give it less time to load weights than it needs',
    severity: 'warning',
    category: 'gpu',
    status: 'preview',
    since: '0.1.0',
    aliases: [],
    rationale:
      "A model server (vLLM, TGI, SGLang, Triton, TensorRT-LLM, Ollama) reads gigabytes of weights into GPU memory before it answers its health endpoint: minutes for a 7–70B model, and over an hour in NVIDIA's reports for the largest ones or a slow volume. Kubernetes' answer to slow starters is a startup probe whose `failureThreshold × periodSeconds` covers the worst-case start, because liveness and readiness probes wait until it succeeds. vLLM's Kubernetes guide lists a startup or liveness failureThreshold that is too low as the cause of servers killed mid-load (\"failed startup probe, will be restarted\"), which then loop, each restart downloading or reading the weights again.",
    remediation:
      "Give the container a `startupProbe` on the server's health endpoint (`/health` for vLLM and TGI, `/v2/health/ready` for Triton) with `failureThreshold × periodSeconds` at least the worst-case load time (the `minStartupSeconds` option, default 600), e.g. `periodSeconds: 10`, `failureThreshold: 60`. Liveness windows shorter than 30 s without a startup probe are reported by aggressive-liveness-probe instead. Preview: the load time depends on the model's size and where the weights come from, which the manifest does not say; lower `minStartupSeconds` for small models. Only containers that request an accelerator are judged (CPU servers such as KServe's opt-125m samples load in seconds).",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: llm\nspec:\n  containers:\n    - name: vllm\n      image: vllm/vllm-openai:v0.6.3\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n      startupProbe:\n        httpGet:\n          path: /health\n          port: 8000\n        periodSeconds: 10\n        failureThreshold: 6\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: llm\nspec:\n  containers:\n    - name: vllm\n      image: vllm/vllm-openai:v0.6.3\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n      startupProbe:\n        httpGet:\n          path: /health\n          port: 8000\n        periodSeconds: 10\n        failureThreshold: 90\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes',
      'https://docs.vllm.ai/en/latest/deployment/k8s.html',
      'https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_management.md',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          minStartupSeconds: {
            type: 'number',
            minimum: 0,
            description: 'Worst-case time a model server needs to load its weights and answer its health check.',
          },
          ...ACCELERATOR_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
      defaults: { minStartupSeconds: 600 },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (container.type !== 'regular' || container.workload.object.partial) return;
      // CPU servers run small models (KServe's opt-125m samples) that load in seconds.
      const server = modelServerOf(container);
      if (!server || requestedAccelerators(container, acceleratorMatcher(ctx.options)).length === 0) return;
      const minimum = typeof ctx.options.minStartupSeconds === 'number' ? ctx.options.minStartupSeconds : 600;
      const startup = container.node.get('startupProbe');
      const liveness = container.node.get('livenessProbe');
      const probe = startup ?? liveness;
      if (!probe) return;
      const window = budget(probe);
      if (!window || window.seconds >= minimum) return;
      if (!startup && window.seconds < GENERIC_LIVENESS_MINIMUM) return;
      const kind = startup ? 'startup probe' : 'liveness probe (there is no startup probe)';
      ctx.report({
        at: probe.key(),
        message: `container "${container.name}" runs ${server}, but its ${kind} restarts it after ${window.seconds}s (${window.text}), less than the ${minimum}s a model load can take: ${startup ? 'raise failureThreshold' : 'add a startupProbe'} so failureThreshold × periodSeconds ≥ ${minimum}`,
      });
    },
  },
});
