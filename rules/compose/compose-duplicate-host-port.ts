import { defineRule } from '../../src/engine/rule.js';
import type { ComposePort, ComposeService } from '../../src/model/compose.js';
import { exclusiveProfiles } from './_lib/project.js';

const MAX_RANGE = 1024;

/** The host ports an entry publishes (literal ones only; a range is expanded up to MAX_RANGE ports). */
function hostPorts(port: ComposePort): number[] {
  if (port.interpolated || port.published === undefined) return [];
  const range = /^(\d+)(?:-(\d+))?$/.exec(port.published.trim());
  if (!range) return [];
  const start = Number(range[1]);
  const end = range[2] === undefined ? start : Number(range[2]);
  if (end < start || end - start > MAX_RANGE) return [];
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

function normalHost(ip: string | undefined): string {
  return ip === undefined || ip === '' || ip === '::' || ip === '[::]' ? '0.0.0.0' : ip.replace(/^\[|\]$/g, '');
}

/** Two bindings clash when their host addresses overlap: the same address, or either is every interface. */
function overlap(a: string, b: string): boolean {
  return a === b || a === '0.0.0.0' || b === '0.0.0.0';
}

interface Binding {
  service: ComposeService;
  port: ComposePort;
  host: string;
  number: number;
  protocol: string;
}

export default defineRule({
  meta: {
    id: 'compose-duplicate-host-port',
    title: 'Two port entries publish the same host port',
    severity: 'error',
    category: 'compose',
    status: 'stable',
    since: '0.1.0',
    aliases: ['no-duplicate-exported-ports'],
    rationale:
      'A host port can be bound once per address and protocol. When two services of a file (or two entries of one service) publish the same host port on overlapping addresses, `docker compose up` starts the first and fails on the second with "Bind for 0.0.0.0:8080 failed: port is already allocated". Ranges are expanded; ports from variables, services in profiles that never run together, and different protocols (`53/tcp` and `53/udp`) are not reported.',
    remediation:
      'Publish one of them on another host port (`"8081:80"`), or on another host address, or drop the entry that is not needed.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  admin:\n    image: ghcr.io/acme/admin:2.1\n    ports:\n      - "8080:3000"\n',
        good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  admin:\n    image: ghcr.io/acme/admin:2.1\n    ports:\n      - "8081:3000"\n',
      },
    ],
    references: ['https://docs.docker.com/reference/compose-file/services/#ports'],
  },
  handlers: {
    'compose:file': (model, ctx) => {
      const bound = new Map<string, Binding[]>();
      for (const service of model.services) {
        for (const port of service.ports) {
          const host = normalHost(port.hostIp);
          if (host.includes('$')) continue;
          const protocol = port.protocol.toLowerCase();
          let reported = false;
          for (const number of hostPorts(port)) {
            const key = `${number}/${protocol}`;
            const earlier = bound.get(key) ?? [];
            const clash = earlier.find(
              (b) => overlap(b.host, host) && b.port !== port && (b.service === service || !exclusiveProfiles(b.service, service)),
            );
            if (clash && !reported) {
              reported = true;
              const where = clash.service === service ? 'another entry of this service' : `service "${clash.service.name}"`;
              ctx.report({
                at: port.node,
                message: `host port ${number}/${protocol} is already published by ${where} (line ${clash.port.node.span.line}): the second binding fails with "port is already allocated"`,
              });
            }
            bound.set(key, [...earlier, { service, port, host, number, protocol }]);
          }
        }
      }
    },
  },
});
