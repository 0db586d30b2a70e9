import { defineRule } from '../../src/engine/rule.js';
import type { ComposeService } from '../../src/model/compose.js';
import { composeLiteral, describeService, literalOf } from '../_lib/compose-service.js';

/** The service asks for a GPU the current way: a device reservation or `gpus:`. */
function reservesGpu(service: ComposeService): boolean {
  return service.deploy.devices.length > 0 || service.node.get('gpus') !== undefined;
}

export default defineRule({
  meta: {
    id: 'compose-gpu-legacy-runtime',
    title: 'Compose service gets its GPU from the legacy NVIDIA runtime',
    severity: 'warning',
    category: 'gpu',
    status: 'preview',
    since: '0.2.0',
    aliases: [],
    rationale:
      '`runtime: nvidia` is the nvidia-docker2 way of getting GPUs: it works only where the legacy runtime is registered with the Docker daemon, and which GPUs the container sees is then decided by `NVIDIA_VISIBLE_DEVICES` (all of them by default) instead of by Compose. `NVIDIA_VISIBLE_DEVICES` without a reservation gives GPUs only when the daemon runs the NVIDIA runtime by default; elsewhere the service silently runs on the CPU. A device reservation works with the NVIDIA Container Toolkit on every Docker host and in Swarm.',
    remediation:
      'Replace `runtime: nvidia` (and `NVIDIA_VISIBLE_DEVICES`) with `deploy.resources.reservations.devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]` (or `gpus: all`).',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.4\n    runtime: nvidia\n',
        good: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.4\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              capabilities: [gpu]\n',
      },
    ],
    references: ['https://docs.docker.com/compose/how-tos/gpu-support/'],
  },
  handlers: {
    'compose:service': (service, ctx) => {
      if (reservesGpu(service)) return;
      const runtime = composeLiteral(service, 'runtime');
      if (runtime?.text.trim() === 'nvidia') {
        ctx.report({
          at: runtime.node,
          message: `${describeService(service)} gets its GPU from the legacy runtime: nvidia; reserve it with deploy.resources.reservations.devices (driver: nvidia, capabilities: [gpu])`,
        });
        return;
      }
      const visible = service.environment.find((v) => v.name === 'NVIDIA_VISIBLE_DEVICES');
      const value = literalOf(visible?.value);
      if (!visible || !value || ['void', 'none', ''].includes(value.text.trim())) return;
      ctx.report({
        at: visible.node,
        message: `${describeService(service)} sets NVIDIA_VISIBLE_DEVICES without a GPU reservation: it gets GPUs only where the daemon's default runtime is nvidia; reserve them with deploy.resources.reservations.devices`,
      });
    },
  },
});
