import { composeLiteral, describeService } from '../_lib/compose-service.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'compose-cgroup-parent',
    title: 'Service runs under a custom parent cgroup',
    severity: 'info',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['4d9f44c6-2f4a-4317-9bb5-267adbea0232'],
    rationale:
      '`cgroup_parent:` moves the container out of Docker\'s own cgroup (`docker` or `system.slice`) into the named one, so the limits and accounting set for containers there no longer apply and those of the named cgroup do: one that belongs to a host service, or has no limits, lets the container compete with the host unbounded. CIS Docker Benchmark 5.24 asks to confirm every such placement. Reported: a literal `cgroup_parent:` (a variable is not judged). Opt-in: it is a review item, not a fault; a deliberate slice with its own limits is a good use. Same as KICS "Cgroup Not Default".',
    remediation:
      'Remove `cgroup_parent:` to keep the default placement, or keep it on purpose for a slice with its own CPU and memory limits and suppress the finding with the reason.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  worker:\n    image: ghcr.io/acme/worker:1.4\n    cgroup_parent: system.slice\n',
        good: 'services:\n  worker:\n    image: ghcr.io/acme/worker:1.4\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#cgroup_parent',
      'https://docs.docker.com/reference/cli/dockerd/#default-cgroup-parent',
    ],
  },
  handlers: {
    'compose:service': (service, ctx) => {
      const parent = composeLiteral(service, 'cgroup_parent');
      if (!parent || parent.text.trim() === '') return;
      ctx.report({
        at: parent.node,
        message: `${describeService(service)} runs under the parent cgroup "${parent.text.trim()}" instead of Docker's default; make sure that cgroup has limits of its own`,
      });
    },
  },
});
