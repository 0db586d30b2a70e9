import { defineRule } from '../../src/engine/rule.js';
import { containerPorts } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'privileged-port',
    title: 'Container listens on a privileged port',
    severity: 'info',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['privileged-ports', 'KSV117', 'KSV-0117'],
    rationale:
      'Ports below 1024 can only be bound by root or with the `NET_BIND_SERVICE` capability, so a container listening on one usually runs as root or keeps a capability it would not need otherwise. A Service can map port 80 to any container port. Opt-in (on in the `strict` preset): many images still listen on 80 or 443. Docker Compose services are not judged: since Docker 20.10 every container outside the host network gets `net.ipv4.ip_unprivileged_port_start=0`, so any user binds a port below 1024 without root or a capability, and a host port below 1024 (`"80:8080"`) is bound by the Docker daemon, not the container. KICS "Privileged Ports Mapped In Container" reports both at the `ports:` key.',
    remediation:
      'Make the process listen on a port of 1024 or above (8080, 8443) and map the well-known port in the Service (`port: 80`, `targetPort: 8080`).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginxinc/nginx-unprivileged:1.27\n      ports:\n        - containerPort: 8080\n',
      },
    ],
    references: ['https://docs.kubelinter.io/#/generated/checks?id=privileged-ports'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      for (const { port, node } of containerPorts(container, 'containerPort')) {
        if (port === 0 || port >= 1024) continue;
        ctx.report({
          at: node,
          message: `container "${container.name}" listens on the privileged port ${port}; listen on a port of 1024 or above and map it in the Service`,
        });
      }
    },
  },
});
