import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type KNode } from '../../src/model/k8s.js';
import { describeService } from '../_lib/compose-service.js';

/** Device drivers Docker's GPU support knows (`nvidia` through the NVIDIA Container Toolkit, `cdi` for CDI device names). */
const KNOWN_DRIVERS = ['nvidia', 'cdi'];

function texts(node: KNode | undefined): string[] {
  return (node?.items() ?? []).flatMap((item) => (Array.isArray(item.value) ? item.items() : [item])).map((i) => String(i.value));
}

export default defineRule({
  meta: {
    id: 'compose-gpu-reservation',
    title: 'Compose GPU device reservation that Docker rejects or does not read as a GPU',
    severity: 'warning',
    category: 'gpu',
    status: 'preview',
    since: '0.2.0',
    aliases: [],
    rationale:
      'A Compose service gets GPUs through `deploy.resources.reservations.devices`. Docker matches a device request by its `capabilities`: without `gpu` in them, no GPU is given and the container starts on the CPU, slowly and without an error. `count` and `device_ids` are mutually exclusive (Compose rejects the file). `count: all` gives the service every GPU of the host; Docker does not make reservations exclusive, so other GPU services of the host run on the same GPUs and compete for their memory (shown as advice: on a multi-GPU host, `device_ids` splits them). A `driver` other than `nvidia` (or `cdi`) is not one Docker ships a device driver for, usually a typo.',
    remediation:
      'Write `capabilities: [gpu]` (with `driver: nvidia`), and either `count: 1` or `device_ids: ["0"]`, not both; prefer explicit `device_ids` over `count: all` when several GPU services share a multi-GPU host.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.4\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              device_ids: ["0"]\n              capabilities: [compute]\n',
        good: 'services:\n  llm:\n    image: vllm/vllm-openai:v0.6.4\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              device_ids: ["0"]\n              capabilities: [gpu]\n',
      },
    ],
    references: ['https://docs.docker.com/compose/how-tos/gpu-support/'],
  },
  handlers: {
    'compose:service': (service, ctx) => {
      for (const device of service.deploy.devices) {
        if (!isMapping(device.value)) continue;
        const driverNode = device.get('driver');
        const driver = typeof driverNode?.value === 'string' && !driverNode.value.includes('$') ? driverNode.value : undefined;
        const capsNode = device.get('capabilities');
        const caps = texts(capsNode);
        const count = device.get('count');
        const ids = device.get('device_ids');
        const gpuLike = driver === 'nvidia' || count !== undefined || ids !== undefined;
        if (capsNode && gpuLike && !caps.some((c) => c === 'gpu' || c.includes('$')))
          ctx.report({
            at: capsNode,
            message: `${describeService(service)} reserves a device with capabilities [${caps.join(', ')}] but not gpu: Docker gives it no GPU; add gpu to capabilities`,
          });
        if (count && ids)
          ctx.report({
            at: ids,
            severity: 'error',
            message: `${describeService(service)} sets both count and device_ids in a device reservation: Compose rejects the file; keep one`,
          });
        if (count && String(count.value).trim() === 'all')
          ctx.report({
            at: count,
            severity: 'info',
            message: `${describeService(service)} gets every GPU of the host (count: all), shared with any other GPU service there; on a multi-GPU host give each service its own device_ids`,
          });
        if (driver !== undefined && !KNOWN_DRIVERS.includes(driver))
          ctx.report({
            at: driverNode!,
            message: `${describeService(service)} asks for the device driver "${driver}", which Docker does not know${driver.toLowerCase() === 'nvidia' ? ' (driver names are case-sensitive: nvidia)' : ''}; use driver: nvidia`,
          });
      }
    },
  },
});
