import { defineRule } from '../../src/engine/rule.js';
import { describeService } from '../_lib/compose-service.js';

export default defineRule({
  meta: {
    id: 'ssh-port-exposed',
    title: 'SSH port 22 exposed',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DS004', 'DS-0004', 'AVD-DS-0004', 'CKV_DOCKER_1'],
    rationale:
      "Exposing port 22 means the image runs an SSH server: another long-lived credential to manage, a daemon to patch, and a way into the container that bypasses the orchestrator's access control and audit log. Docker Compose: a `ports:` entry whose container port is 22/tcp (short or long syntax; an entry with a variable is not judged).",
    remediation:
      'Remove the SSH server and `EXPOSE 22`; use `docker exec` or `kubectl exec`/`kubectl debug` to get a shell. For MPI or distributed training, which need SSH between workers, suppress the finding with a reason.',
    examples: [{ lang: 'dockerfile', bad: 'FROM ubuntu:24.04\nEXPOSE 22 8080\n', good: 'FROM ubuntu:24.04\nEXPOSE 8080\n' }],
    references: ['https://avd.aquasec.com/misconfig/ds004'],
  },
  handlers: {
    'dockerfile:EXPOSE': (expose, ctx, model) => {
      for (const arg of expose.args) {
        const resolved = model.resolve(arg.value, expose);
        if (!resolved.complete) continue;
        const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(resolved.value.trim());
        if (!match || (match[3] && match[3].toLowerCase() !== 'tcp')) continue;
        const from = Number(match[1]);
        const to = match[2] ? Number(match[2]) : from;
        if (from <= 22 && 22 <= to) ctx.report({ at: arg, message: `EXPOSE ${arg.value} exposes the SSH port 22` });
      }
    },
    'compose:service': (service, ctx) => {
      for (const port of service.ports) {
        if (port.interpolated || port.target === undefined || port.protocol.toLowerCase() !== 'tcp') continue;
        const match = /^(\d+)(?:-(\d+))?$/.exec(port.target.trim());
        if (!match) continue;
        const from = Number(match[1]);
        const to = match[2] ? Number(match[2]) : from;
        if (from <= 22 && 22 <= to)
          ctx.report({
            at: port.node,
            message: `${describeService(service)} publishes the SSH port 22${port.published ? ` on host port ${port.published}` : ''}`,
          });
      }
    },
  },
});
