import { defineRule } from '../../src/engine/rule.js';
import { describeWorkload, podSecurityContext, versionAtLeast } from '../_lib/security-context.js';

/** The sysctls the Pod Security Standards (Baseline) allow at a Kubernetes version: namespaced and isolated per pod. */
export function safeSysctls(kubernetesVersion: string): string[] {
  const safe = [
    'kernel.shm_rmid_forced',
    'net.ipv4.ip_local_port_range',
    'net.ipv4.tcp_syncookies',
    'net.ipv4.ping_group_range',
    'net.ipv4.ip_unprivileged_port_start',
  ];
  if (versionAtLeast(kubernetesVersion, '1.27')) safe.push('net.ipv4.ip_local_reserved_ports');
  if (versionAtLeast(kubernetesVersion, '1.29'))
    safe.push('net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes');
  if (versionAtLeast(kubernetesVersion, '1.32')) safe.push('net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem');
  if (versionAtLeast(kubernetesVersion, '1.37')) safe.push('net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat');
  return safe;
}

/** The kubelet's spelling: `net/ipv4/ip_forward` (first separator a slash) means `net.ipv4.ip_forward`. */
function normalizeSysctl(name: string): string {
  const firstSeparator = name.search(/[./]/);
  if (firstSeparator < 0 || name[firstSeparator] === '.') return name;
  return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

export default defineRule({
  meta: {
    id: 'unsafe-sysctls',
    title: 'Pod sets an unsafe sysctl',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['KSV026', 'KSV-0026', 'sysctls'],
    rationale:
      'Sysctls outside the safe set either change the whole node (not namespaced) or are namespaced but not isolated: a pod can starve or reconfigure its neighbours (`kernel.shm*`, `kernel.msg*`, most `net.*` knobs). The kubelet refuses them unless allow-listed with `--allowed-unsafe-sysctls`. The Pod Security Standards (Baseline) allow only the safe set, which grew in Kubernetes 1.27, 1.29, 1.32 and 1.37.',
    remediation:
      'Remove the sysctl from `spec.securityContext.sysctls`, or run the workload on dedicated nodes whose kubelet allows it and add it to the `allowed` option.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: "65536"\n  containers:\n    - name: db\n      image: postgres:16\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65535"\n  containers:\n    - name: db\n      image: postgres:16\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          allowed: {
            type: 'array',
            items: { type: 'string' },
            description: 'More sysctls to allow, on top of the safe set of the target Kubernetes version.',
          },
        },
        additionalProperties: false,
      },
      defaults: { allowed: [] },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const allowed = new Set([
        ...safeSysctls(ctx.kubernetesVersion),
        ...(Array.isArray(ctx.options.allowed) ? ctx.options.allowed.map(String) : []),
      ]);
      for (const sysctl of podSecurityContext(workload)?.get('sysctls')?.items() ?? []) {
        const name = sysctl.get('name');
        if (!name || typeof name.value !== 'string' || allowed.has(normalizeSysctl(name.value))) continue;
        ctx.report({
          at: name,
          message: `${describeWorkload(workload)} sets the unsafe sysctl ${name.value}; remove it or run the pod on nodes that allow it`,
        });
      }
    },
  },
});
