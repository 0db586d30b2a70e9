import { defineRule } from '../../src/engine/rule.js';
import { definesElsewhere, projects, servicesByName } from './_lib/project.js';

export default defineRule({
  meta: {
    id: 'compose-depends-on-missing',
    title: '`depends_on` names a service that is not defined',
    severity: 'error',
    category: 'compose',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      '`docker compose up` refuses a project where a service depends on a service that does not exist ("service web depends on undefined service db: invalid compose project"), usually after a service was renamed or moved to another file. A dependency with `required: false` is skipped by Compose and not reported. Services defined in another Compose file of the same directory count (an override or a variant given with `-f`); projects that `include:` other files, or extend services from another file, are not judged.',
    remediation:
      'Fix the name (the message lists the services that exist), define the service, or mark an optional dependency `required: false`.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  web:\n    image: ghcr.io/acme/web:1.4\n    depends_on:\n      - postgres\n  db:\n    image: postgres:16\n',
        good: 'services:\n  web:\n    image: ghcr.io/acme/web:1.4\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n',
      },
    ],
    references: ['https://docs.docker.com/reference/compose-file/services/#depends_on'],
  },
  handlers: {
    'compose:all': (models, ctx) => {
      for (const project of projects(models)) {
        if (definesElsewhere(project)) continue;
        const services = servicesByName(project);
        for (const model of project) {
          for (const service of model.services) {
            for (const dependency of service.dependsOn) {
              if (!dependency.required || services.has(dependency.service)) continue;
              const known = [...services.keys()].filter((name) => name !== service.name);
              ctx.report({
                at: dependency.node,
                message: `service "${service.name}" depends on "${dependency.service}", which is not defined${known.length > 0 ? ` (services: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''})` : ''}`,
              });
            }
          }
        }
      }
    },
  },
});
