import { defineRule } from '../../src/engine/rule.js';
import type { ComposeMount, ComposeService } from '../../src/model/compose.js';
import { completedDependencies, ONE_OFF_NAME } from './_lib/one-off.js';
import { exclusiveProfiles, projects } from './_lib/project.js';

/** Host paths that are interfaces to the host (devices, sockets, clock), not data two services could corrupt. */
const HOST_INTERFACE = /^\/(dev|proc|sys|run|var\/run)(\/|$)|^\/etc\/(localtime|timezone)$|\.sock$/;

/** What a mount shares, as a key (`volume:models`, `bind:data/uploads`); undefined when unknown or not data. */
function shareKey(mount: ComposeMount): string | undefined {
  if (mount.interpolated || mount.source === undefined || mount.source === '') return undefined;
  if (mount.type === 'volume') return `volume:${mount.source}`;
  if (mount.type !== 'bind') return undefined;
  const path = mount.source
    .replace(/\/+/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/(.)\/$/, '$1');
  return HOST_INTERFACE.test(path) ? undefined : `bind:${path === '' ? '.' : path}`;
}

/** `"a", "b", "c" and 4 others` */
function namesOf(writers: readonly Writer[]): string {
  const names = writers.map((w) => `"${w.service.name}"`);
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} others`;
}

interface Writer {
  service: ComposeService;
  mount: ComposeMount;
}

export default defineRule({
  meta: {
    id: 'compose-shared-volume',
    title: 'Several services write to the same volume or host directory',
    severity: 'info',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['8c978947-0ff6-485c-b0c2-0bfca6026466'],
    rationale:
      'When two services mount the same named volume or host directory writable, each can change or replace what the other reads and runs: a compromised web front end can plant files in the directory a worker executes from, and two programs writing the same files without coordination corrupt them. Reported: every writable mount of a volume or bind path that another service of the same file also mounts writable, unless the two services have no profile in common. Not reported: one-off services (another service waits for them with `condition: service_completed_successfully`, or they are named like a helper: `ollama-pull-llama`, `db-migrate`), which run before the others rather than alongside them, read-only mounts (`:ro`, `read_only: true`), sources that hold a variable, and host interfaces (`/dev`, `/proc`, `/sys`, `/run`, sockets, `/etc/localtime`). Opt-in: sharing a volume is how Compose services hand files to each other (a model cache filled by a pull job and read by the server, static files built by one service and served by another), so this is a review aid, not a fault. Difference from KICS "Shared Volumes Between Containers": KICS also reports a volume that only one of the services writes.',
    remediation:
      'Mount the volume read-only (`models:/models:ro`) in every service that only reads it, or give each service its own volume; keep one writer per volume where possible.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  web:\n    image: ghcr.io/acme/web:1.4\n    volumes:\n      - uploads:/app/uploads\n  scanner:\n    image: ghcr.io/acme/scanner:1.4\n    volumes:\n      - uploads:/scan\nvolumes:\n  uploads:\n',
        good: 'services:\n  web:\n    image: ghcr.io/acme/web:1.4\n    volumes:\n      - uploads:/app/uploads\n  scanner:\n    image: ghcr.io/acme/scanner:1.4\n    volumes:\n      - uploads:/scan:ro\nvolumes:\n  uploads:\n',
      },
    ],
    references: ['https://docs.docker.com/reference/compose-file/services/#volumes', 'https://docs.docker.com/engine/storage/volumes/'],
  },
  handlers: {
    'compose:all': (models, ctx) => {
      for (const project of projects(models)) {
        const oneOff = completedDependencies(project);
        // Files of one directory are often alternatives (`docker-compose-gpu.yml`), so only the services of one file share.
        for (const model of project) {
          const writers = new Map<string, Writer[]>();
          for (const service of model.services) {
            if (oneOff.has(service.name) || ONE_OFF_NAME.test(service.name)) continue;
            const seen = new Set<string>();
            for (const mount of service.volumes) {
              const key = shareKey(mount);
              if (key === undefined || mount.readOnly || seen.has(key)) continue;
              seen.add(key);
              writers.set(key, [...(writers.get(key) ?? []), { service, mount }]);
            }
          }
          for (const [key, list] of writers)
            for (const writer of list) {
              const others = list.filter((o) => o.service !== writer.service && !exclusiveProfiles(o.service, writer.service));
              if (others.length === 0) continue;
              const what = key.startsWith('volume:') ? `volume "${writer.mount.source ?? ''}"` : `host path ${writer.mount.source ?? ''}`;
              ctx.report({
                at: writer.mount.node,
                message: `service "${writer.service.name}" mounts ${what} writable, as ${others.length === 1 ? 'does' : 'do'} ${namesOf(others)}; mount it read-only where a service only reads it`,
              });
            }
        }
      }
    },
  },
});
