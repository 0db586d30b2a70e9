import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';
import { isTemplatedText } from '../_lib/workload.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export default defineRule({
  meta: {
    id: 'probe-port-not-declared',
    title: 'Probe targets a port the container does not declare',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['liveness-port', 'readiness-port', 'startup-port'],
    rationale:
      "A probe that names a port (`port: http`) is resolved against the names in the container's own `ports`. When no port has that name, usually after a rename, the kubelet cannot run the probe and counts it as failed every time: the pod never becomes ready, or is restarted in a loop by its liveness probe.",
    remediation:
      'Use a port name the container declares under `ports[].name`, or the port number. Numbered probe ports do not need to be declared (`containerPort` is informational), so they are reported only with the `numericPorts` option, as kube-linter does.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: http\n          containerPort: 80\n      readinessProbe:\n        httpGet: {path: /, port: web}\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: http\n          containerPort: 80\n      readinessProbe:\n        httpGet: {path: /, port: http}\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-tcp-liveness-probe',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          numericPorts: { type: 'boolean', description: 'Also report numbered probe ports that no `containerPort` declares.' },
        },
        additionalProperties: false,
      },
      defaults: { numericPorts: false },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const ports = (container.node.get('ports')?.items() ?? []).map((p) => p.value).filter(isMapping);
      const names = new Set(ports.flatMap((p) => (typeof p.name === 'string' ? [p.name] : [])));
      const numbers = new Set(
        ports.flatMap((p) =>
          typeof p.containerPort === 'number' ? [p.containerPort] : typeof p.containerPort === 'string' ? [Number(p.containerPort)] : [],
        ),
      );
      for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const port = container.node.at(probe, handler, 'port');
          if (!port) continue;
          const value = port.value;
          if (typeof value === 'string' && !/^\d+$/.test(value)) {
            if (isTemplatedText(value) || names.has(value)) continue;
            ctx.report({
              at: port,
              message: `container "${container.name}" ${probe} uses port "${value}", but the container declares no port of that name${names.size > 0 ? ` (it has ${[...names].map((n) => `"${n}"`).join(', ')})` : ''}; the probe always fails`,
            });
          } else if (ctx.options.numericPorts === true && (typeof value === 'number' || typeof value === 'string')) {
            if (numbers.has(Number(value))) continue;
            ctx.report({
              at: port,
              message: `container "${container.name}" ${probe} uses port ${String(value)}, which no containerPort declares`,
            });
          }
        }
      }
    },
  },
});
