import { describeService } from '../_lib/compose-service.js';
import { defineRule } from '../../src/engine/rule.js';
import { composeString } from '../../src/model/compose-build.js';
import type { KNode } from '../../src/model/k8s.js';

/** `pids_limit` / `limits.pids` as Docker reads it: -1 and 0 mean unlimited; undefined when a variable decides. */
function unlimited(node: KNode): boolean | undefined {
  const value = composeString(node);
  if (!value?.interpolation.literal || value.interpolation.withDefaults === undefined) return undefined;
  const number = Number(value.interpolation.withDefaults.trim());
  return Number.isInteger(number) && number <= 0;
}

export default defineRule({
  meta: {
    id: 'compose-pids-limit',
    title: 'Service has no process limit',
    severity: 'info',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['221e0658-cb2a-44e3-b08a-db96a341d6fa'],
    rationale:
      'Without `pids_limit` (or `deploy.resources.limits.pids`) a container may start processes until the host runs out of process ids: a fork bomb or a leak of worker processes in one service stops every other service and the host itself from starting new processes. CIS Docker Benchmark 5.29 asks for a limit. Reported: a service without a limit (at the service name, or at the deepest part of `deploy.resources.limits` that exists) and a limit of `-1` or `0` (unlimited, at the value). Override files and services that `extends` another are not judged for a missing limit. Opt-in: few Compose files set it (none of the 165 real files of the corpus), a sensible value depends on the program (a database or a browser farm needs hundreds, a Go service a few dozen), and the Docker daemon or systemd may cap processes for every container.',
    remediation:
      'Set `pids_limit:` on the service (or `deploy.resources.limits.pids:`) to a few times the number of processes and threads it runs under load, for example `pids_limit: 200`.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n',
        good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    pids_limit: 200\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#pids_limit',
      'https://docs.docker.com/reference/compose-file/deploy/#pids',
    ],
  },
  handlers: {
    'compose:service': (service, ctx, model) => {
      const limits = [service.node.get('pids_limit'), service.deploy.limits?.get('pids')].filter((n): n is KNode => n !== undefined);
      for (const node of limits)
        if (unlimited(node) === true)
          ctx.report({
            at: node,
            message: `${describeService(service)} sets an unlimited process count (${String(node.value)}); set a positive limit`,
          });
      if (limits.length > 0 || model.partial || service.extends) return;
      ctx.reportMissing(
        service.node,
        service.deploy.limits ? ['deploy', 'resources', 'limits', 'pids'] : ['pids_limit'],
        `${describeService(service)} has no process limit; set pids_limit`,
      );
    },
  },
});
