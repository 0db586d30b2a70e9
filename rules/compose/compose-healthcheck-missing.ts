import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';
import type { ComposeService } from '../../src/model/compose.js';
import { definesElsewhere, projects, servicesByName } from './_lib/project.js';

/** The service's healthcheck is set and not `disable: true` (in any file of the project that defines it). */
function hasHealthcheck(definitions: readonly ComposeService[]): boolean {
  return definitions.some((s) => {
    const value = s.healthcheck?.value;
    return isMapping(value) && value.disable !== true && !(Array.isArray(value.test) && value.test[0] === 'NONE');
  });
}

/** A healthcheck may come from elsewhere: the image's Dockerfile (`build:`) or an extended service. */
function mayInheritHealthcheck(definitions: readonly ComposeService[]): boolean {
  return definitions.some((s) => s.build !== undefined || s.extends !== undefined);
}

export default defineRule({
  meta: {
    id: 'compose-healthcheck-missing',
    title: 'A service waits for another to be healthy, which has no healthcheck',
    severity: 'error',
    category: 'compose',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      '`depends_on: {db: {condition: service_healthy}}` starts the service only once `db` reports healthy, which needs a healthcheck. Without one, `docker compose up` fails with "dependency failed to start: container db has no healthcheck configured". Services built from a Dockerfile (which may declare `HEALTHCHECK`) or extending another service are not reported; a healthcheck in another Compose file of the same directory counts. KICS "Healthcheck Not Set" asks for a healthcheck on every service; this rule only where Compose needs one.',
    remediation:
      'Add a `healthcheck:` to the awaited service (`test: ["CMD-SHELL", "pg_isready -U postgres"]`, with `interval`, `timeout`, `retries`), or wait with `condition: service_started` when readiness does not matter.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n',
        good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n      interval: 5s\n      retries: 10\n',
      },
    ],
    references: [
      'https://docs.docker.com/compose/how-tos/startup-order/',
      'https://docs.docker.com/reference/compose-file/services/#healthcheck',
    ],
  },
  handlers: {
    'compose:all': (models, ctx) => {
      for (const project of projects(models)) {
        if (definesElsewhere(project)) continue;
        const services = servicesByName(project);
        for (const model of project) {
          for (const service of model.services) {
            for (const dependency of service.dependsOn) {
              if (dependency.condition !== 'service_healthy') continue;
              const definitions = services.get(dependency.service);
              if (!definitions || hasHealthcheck(definitions) || mayInheritHealthcheck(definitions)) continue;
              const image = definitions.find((d) => d.image)?.image?.text;
              ctx.report({
                at: dependency.node,
                message: `service "${service.name}" waits for "${dependency.service}" to be healthy, but "${dependency.service}" has no healthcheck${image ? ` (image ${image} declares none in this file)` : ''}: docker compose up fails`,
              });
            }
          }
        }
      }
    },
  },
});
