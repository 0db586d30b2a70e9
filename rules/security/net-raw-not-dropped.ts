import { dropCapabilityFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { capabilities, containerSecurityContext, isTrue, isWindowsPod } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'net-raw-not-dropped',
    title: 'Container keeps the NET_RAW capability',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['drop-net-raw-capability', 'CKV_K8S_28'],
    rationale:
      'Container runtimes grant `NET_RAW` by default. It lets a process craft raw packets: ARP and DNS spoofing of other pods on the node, and it has been the way into several container-escape CVEs. Almost no application needs it (modern `ping` uses ICMP sockets).',
    remediation:
      'Add `NET_RAW` (or `ALL`) to `securityContext.capabilities.drop`. Prefer `drop: [ALL]` and add back only what the process needs.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [ALL]\n',
      },
    ],
    fixable: 'unsafe',
    references: ['https://www.cisecurity.org/benchmark/kubernetes', 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      // Ephemeral debug containers may need raw sockets (tcpdump); Windows has no Linux capabilities.
      if (container.type === 'ephemeral' || isWindowsPod(container.workload) || container.workload.object.partial) return;
      if (isTrue(containerSecurityContext(container)?.get('privileged')?.value)) return; // privileged-container says it
      if (capabilities(container, 'drop').some((cap) => cap.name === 'ALL' || cap.name === 'NET_RAW')) return;
      // Adding NET_RAW back is capabilities-added's finding.
      if (capabilities(container, 'add').some((cap) => cap.name === 'NET_RAW' || cap.name === 'ALL')) return;
      const drop = containerSecurityContext(container)?.at('capabilities', 'drop');
      const message = `container "${container.name}" keeps the NET_RAW capability; add NET_RAW (or ALL) to securityContext.capabilities.drop`;
      // Unsafe: a program that needs a capability (binding port 80 as root, ping) fails without it.
      const fix = dropCapabilityFix(container.node, 'NET_RAW', 'unsafe');
      if (drop) ctx.report({ at: drop, message, ...(fix && { fix }) });
      else ctx.reportMissing(container.node, ['securityContext', 'capabilities', 'drop'], message, fix);
    },
  },
});
