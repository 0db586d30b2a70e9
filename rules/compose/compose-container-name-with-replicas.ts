import { defineRule } from '../../src/engine/rule.js';
import { composeString } from '../../src/model/compose-build.js';
import { literalInteger } from './_lib/project.js';

export default defineRule({
  meta: {
    id: 'compose-container-name-with-replicas',
    title: 'Service with a fixed `container_name` asks for more than one replica',
    severity: 'error',
    category: 'compose',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A container name is unique on the host, so a service with `container_name` can run one container only. With `deploy.replicas` (or the legacy `scale`) above 1, `docker compose up` stops with "services.deploy.replicas: can\'t set container_name and <service> as container name must be unique".',
    remediation: 'Remove `container_name` (Compose then names the replicas `<project>-<service>-1`, `-2`, …), or run one replica.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  worker:\n    image: ghcr.io/acme/worker:1.4\n    container_name: worker\n    deploy:\n      replicas: 3\n',
        good: 'services:\n  worker:\n    image: ghcr.io/acme/worker:1.4\n    deploy:\n      replicas: 3\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#container_name',
      'https://docs.docker.com/reference/compose-file/deploy/#replicas',
    ],
  },
  handlers: {
    'compose:service': (service, ctx) => {
      if (!service.containerName) return;
      const scale = composeString(service.node.get('scale'));
      for (const [count, field] of [
        [literalInteger(service.deploy.replicas), 'deploy.replicas'],
        [literalInteger(scale), 'scale'],
      ] as const) {
        if (count === undefined || count <= 1) continue;
        ctx.report({
          at: service.containerName.node,
          message: `service "${service.name}" sets container_name "${service.containerName.text}" and ${field}: ${count}: only one container can have that name`,
        });
        return;
      }
    },
  },
});
