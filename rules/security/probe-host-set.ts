import { defineRule } from '../../src/engine/rule.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

export default defineRule({
  meta: {
    id: 'probe-host-set',
    title: 'Probe or lifecycle hook targets another host',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['hostProbesAndHostLifecycle'],
    rationale: 'A probe or lifecycle hook with `httpGet.host` or `tcpSocket.host` makes the kubelet, from the node\'s network, connect to any address the pod author chooses: other nodes, the cloud metadata service, services behind NetworkPolicies. Probes should check the pod itself. The Pod Security Standards (Baseline) forbid the field from Kubernetes 1.34.',
    remediation: 'Remove `host` from the probe or hook; the kubelet then targets the pod\'s IP. To set a virtual host for HTTP, use `httpGet.httpHeaders: [{name: Host, value: …}]`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          host: 169.254.169.254\n          path: /\n          port: 80\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          path: /healthz\n          port: 80\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const handlers = [
        ...PROBES.map((probe) => ({ what: probe, node: container.node.get(probe) })),
        ...HOOKS.map((hook) => ({ what: `${hook} hook`, node: container.node.at('lifecycle', hook) })),
      ];
      for (const { what, node } of handlers) {
        for (const action of ['httpGet', 'tcpSocket'] as const) {
          const host = node?.at(action, 'host');
          if (!host || host.value === null || host.value === '') continue;
          // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar in valid input; a mapping there prints as [object Object], as before
          ctx.report({ at: host, message: `container "${container.name}": the ${what} targets host ${String(host.value)}; remove host so it checks the pod itself` });
        }
      }
    },
  },
});
