import { defineRule } from '../../src/engine/rule.js';
import type { ComposeService } from '../../src/model/compose.js';
import { exclusiveProfiles, literalText } from './_lib/project.js';

export default defineRule({
  meta: {
    id: 'compose-duplicate-container-name',
    title: 'Two services set the same `container_name`',
    severity: 'error',
    category: 'compose',
    status: 'stable',
    since: '0.1.0',
    aliases: ['no-duplicate-container-names'],
    rationale:
      'Container names are unique on a Docker host. When two services of a file set the same `container_name`, `docker compose up` creates the first and fails on the second with "Conflict. The container name is already in use". Services in profiles that never run together (`ollama-cpu` in profile `cpu`, `ollama-gpu` in profile `gpu`) may share a name and are not reported.',
    remediation:
      'Give each service its own `container_name`, or drop `container_name` and let Compose name the containers `<project>-<service>-<n>`.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    container_name: app\n  worker:\n    image: ghcr.io/acme/worker:1.4\n    container_name: app\n',
        good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    container_name: app-api\n  worker:\n    image: ghcr.io/acme/worker:1.4\n    container_name: app-worker\n',
      },
    ],
    references: ['https://docs.docker.com/reference/compose-file/services/#container_name'],
  },
  handlers: {
    'compose:file': (model, ctx) => {
      const seen = new Map<string, ComposeService[]>();
      for (const service of model.services) {
        const name = literalText(service.containerName);
        if (name === undefined || !service.containerName) continue;
        const earlier = (seen.get(name) ?? []).find((other) => !exclusiveProfiles(other, service));
        if (earlier)
          ctx.report({
            at: service.containerName.node,
            message: `service "${service.name}" uses container_name "${name}", already used by service "${earlier.name}" (line ${earlier.containerName?.node.span.line ?? earlier.node.span.line}): the second container cannot be created`,
          });
        seen.set(name, [...(seen.get(name) ?? []), service]);
      }
    },
  },
});
