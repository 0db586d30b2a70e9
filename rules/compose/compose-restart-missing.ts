import { defineRule } from '../../src/engine/rule.js';
import type { ComposeService } from '../../src/model/compose.js';
import { completedDependencies, ONE_OFF_NAME } from './_lib/one-off.js';
import { projects, servicesByName } from './_lib/project.js';

export default defineRule({
  meta: {
    id: 'compose-restart-missing',
    title: 'Long-running service has no restart policy',
    severity: 'info',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: [],
    rationale:
      'Without `restart:` (or `deploy.restart_policy`) a service that crashes, or every service after the Docker daemon or the host restarts, stays down until someone runs `docker compose up` again. On a single host running a model server, a vector database and a UI, that is an outage nobody is paged for. One-off services (those another service waits for with `condition: service_completed_successfully`, those named like a one-off helper such as `mongodb-init`, `init-kafka`, `db-migrate` or `ollama-pull-llama`, or with `restart: "no"` written out) are not reported, nor override files, nor services that extend another. Opt-in: development stacks often want services to stay down.',
    remediation: 'Set `restart: unless-stopped` (or `always`; `on-failure` for batch-like services) on services that should keep running.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  ollama:\n    image: ollama/ollama:0.5.7\n',
        good: 'services:\n  ollama:\n    image: ollama/ollama:0.5.7\n    restart: unless-stopped\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#restart',
      'https://docs.docker.com/engine/containers/start-containers-automatically/',
    ],
  },
  handlers: {
    'compose:all': (models, ctx) => {
      for (const project of projects(models)) {
        const services = servicesByName(project);
        const oneOff = completedDependencies(project);
        const restarts = (definitions: readonly ComposeService[]): boolean =>
          definitions.some(
            (s) => s.restart !== undefined || s.node.at('deploy', 'restart_policy') !== undefined || s.extends !== undefined,
          );
        for (const model of project) {
          if (model.partial) continue;
          for (const service of model.services) {
            if (oneOff.has(service.name) || ONE_OFF_NAME.test(service.name) || restarts(services.get(service.name) ?? [service])) continue;
            ctx.report({
              at: service.node.key(),
              message: `service "${service.name}" has no restart policy: it stays down after a crash or a host reboot; set restart: unless-stopped`,
            });
          }
        }
      }
    },
  },
});
