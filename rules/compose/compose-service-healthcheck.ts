import { defineRule } from '../../src/engine/rule.js';
import type { ComposeService } from '../../src/model/compose.js';
import type { KNode } from '../../src/model/k8s.js';
import { completedDependencies, ONE_OFF_NAME } from './_lib/one-off.js';
import { projects, servicesByName } from './_lib/project.js';

/** The node that turns a healthcheck off (`disable: true`, `test: ["NONE"]`, `test: NONE`), if any. */
function disabledBy(healthcheck: KNode): KNode | undefined {
  const disable = healthcheck.get('disable');
  if (disable && (disable.value === true || disable.value === 'true')) return disable;
  const test = healthcheck.get('test');
  const first: unknown = Array.isArray(test?.value) ? test.value[0] : test?.value;
  return test && first === 'NONE' ? test : undefined;
}

/** A healthcheck may come from the image the service builds (`HEALTHCHECK` in its Dockerfile) or from an extended service. */
function mayInherit(definitions: readonly ComposeService[]): boolean {
  return definitions.some((s) => s.build !== undefined || s.extends !== undefined);
}

export default defineRule({
  meta: {
    id: 'compose-service-healthcheck',
    title: 'Long-running service has no healthcheck',
    severity: 'info',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['698ed579-b239-4f8f-a388-baa4bcb13ef8'],
    rationale:
      'Without a healthcheck Docker only knows whether the main process runs: a model server that hangs while loading, or a database that accepts no connections, shows as `Up`, other services cannot wait for it with `condition: service_healthy`, and `restart:` never acts on it. Reported: a service with no `healthcheck:` in any Compose file of its directory (at the service name), and a healthcheck turned off with `disable: true` or `test: ["NONE"]` (at that key). Not reported: services built from a Dockerfile (its `HEALTHCHECK` applies) or extending another, one-off services (another service waits for them with `condition: service_completed_successfully`, or they are named like a helper: `db-migrate`, `ollama-pull-llama`), and services defined only in override files. The image\'s own `HEALTHCHECK` is not visible in the Compose file, so a service whose image declares one is still reported. Opt-in: a healthcheck everywhere is a policy; `compose-healthcheck-missing` reports, on by default, the case that breaks `docker compose up`. Difference from KICS "Healthcheck Not Set": KICS also reports services that build their image.',
    remediation:
      'Add a `healthcheck:` that exercises the service (`test: ["CMD", "curl", "-f", "http://localhost:8080/health"]`, or `["CMD-SHELL", "pg_isready -U postgres"]`) with `interval`, `timeout`, `retries` and a `start_period` long enough for loading models.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  db:\n    image: postgres:16\n',
        good: 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n      interval: 10s\n      retries: 5\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#healthcheck',
      'https://docs.docker.com/reference/dockerfile/#healthcheck',
    ],
  },
  handlers: {
    'compose:all': (models, ctx) => {
      for (const project of projects(models)) {
        const oneOff = completedDependencies(project);
        for (const [name, definitions] of servicesByName(project)) {
          const checks = definitions.flatMap((s) => (s.healthcheck ? [s.healthcheck] : []));
          const disabling = checks.map(disabledBy);
          if (disabling.some((node) => node === undefined)) continue; // a working healthcheck in some file
          for (const node of disabling)
            if (node)
              ctx.report({ at: node, message: `service "${name}" turns its healthcheck off; Docker cannot tell when it stops working` });
          if (checks.length > 0 || oneOff.has(name) || ONE_OFF_NAME.test(name) || mayInherit(definitions)) continue;
          for (const definition of definitions)
            if (!definition.model.partial)
              ctx.report({
                at: definition.node.key(),
                message: `service "${name}" has no healthcheck: a hung process shows as running and nothing can wait for it to be ready`,
              });
        }
      }
    },
  },
});
