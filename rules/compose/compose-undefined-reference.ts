import { defineRule } from '../../src/engine/rule.js';
import type { ComposeModel } from '../../src/model/compose.js';
import type { KNode } from '../../src/model/k8s.js';
import { definesElsewhere, projects } from './_lib/project.js';

type Kind = 'networks' | 'volumes' | 'secrets' | 'configs';

function defined(project: readonly ComposeModel[], kind: Kind): Set<string> {
  const names = new Set<string>();
  for (const model of project) for (const name of model[kind].keys()) names.add(name);
  return names;
}

export default defineRule({
  meta: {
    id: 'compose-undefined-reference',
    title: 'Service uses a network, volume, secret or config that is not defined at the top level',
    severity: 'error',
    category: 'compose',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A service\'s `networks:`, named volumes, `secrets:` and `configs:` refer to top-level definitions. `docker compose up` refuses a reference to a name that is not defined ("service web refers to undefined volume data: invalid compose project"). Bind mounts (paths) and anonymous volumes need no definition; the network `default` exists unless replaced. Definitions in another Compose file of the same directory count; projects that `include:` other files are not judged.',
    remediation:
      'Define the name in the top-level section (`volumes:\\n  data: {}`), or fix its spelling; for a host directory write a path (`./data:/data`), not a name.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n',
        good: 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}\n',
      },
    ],
    references: ['https://docs.docker.com/reference/compose-file/volumes/', 'https://docs.docker.com/reference/compose-file/networks/'],
  },
  handlers: {
    'compose:all': (models, ctx) => {
      for (const project of projects(models)) {
        if (definesElsewhere(project)) continue;
        const names = {
          networks: defined(project, 'networks'),
          volumes: defined(project, 'volumes'),
          secrets: defined(project, 'secrets'),
          configs: defined(project, 'configs'),
        };
        const report = (service: string, kind: Kind, name: string, at: KNode): void => {
          const known = [...names[kind]];
          ctx.report({
            at,
            message: `service "${service}" uses the ${kind.slice(0, -1)} "${name}", which is not defined under the top-level ${kind}:${known.length > 0 ? ` (defined: ${known.slice(0, 8).join(', ')})` : ''}`,
          });
        };
        for (const model of project) {
          for (const service of model.services) {
            for (const ref of service.networks)
              if (ref.name !== 'default' && !ref.name.includes('$') && !names.networks.has(ref.name))
                report(service.name, 'networks', ref.name, ref.node);
            for (const mount of service.volumes) {
              if (mount.type !== 'volume' || mount.source === undefined || mount.source === '' || mount.interpolated) continue;
              if (!names.volumes.has(mount.source)) report(service.name, 'volumes', mount.source, mount.node);
            }
            for (const kind of ['secrets', 'configs'] as const)
              for (const ref of service[kind])
                if (!ref.name.includes('$') && !names[kind].has(ref.name)) report(service.name, kind, ref.name, ref.node);
          }
        }
      }
    },
  },
});
