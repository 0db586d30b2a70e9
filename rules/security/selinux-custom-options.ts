import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { containerSecurityContext, describeWorkload, podSecurityContext, versionAtLeast } from '../_lib/security-context.js';

/** SELinux types the Pod Security Standards (Baseline) allow; `container_engine_t` from Kubernetes 1.31. */
export function allowedSeLinuxTypes(kubernetesVersion: string): string[] {
  const types = ['container_t', 'container_init_t', 'container_kvm_t'];
  return versionAtLeast(kubernetesVersion, '1.31') ? [...types, 'container_engine_t'] : types;
}

function problems(options: KNode | undefined, allowedTypes: Set<string>): Array<{ node: KNode; what: string }> {
  if (!options || options.value === null) return [];
  const out: Array<{ node: KNode; what: string }> = [];
  const type = options.get('type');
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar in valid input; a mapping there prints as [object Object], as before
  if (type && type.value !== null && type.value !== '' && !allowedTypes.has(String(type.value))) out.push({ node: type, what: `the SELinux type ${JSON.stringify(type.value)}` });
  for (const key of ['user', 'role'] as const) {
    const node = options.get(key);
    if (node && node.value !== null && node.value !== '') out.push({ node, what: `a custom SELinux ${key} ${JSON.stringify(node.value)}` });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'selinux-custom-options',
    title: 'Custom SELinux type, user or role',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['KSV025', 'KSV-0025', 'seLinuxOptions'],
    rationale: 'On SELinux nodes (RHEL, Fedora, OpenShift) the `container_t` type is what keeps a container away from the node\'s files and processes. Another type (`spc_t`, `unconfined_t`) or a custom user or role lifts that confinement. The Pod Security Standards (Baseline) allow only the container types and no user or role.',
    remediation: 'Remove `seLinuxOptions.type` (or use `container_t`, `container_init_t`, `container_kvm_t`, or `container_engine_t` from 1.31), and remove `seLinuxOptions.user` and `.role`. `level` (MCS categories) is allowed. Node agents that really need `spc_t` should carry a suppression with the reason.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: agent:1.0\n      securityContext:\n        seLinuxOptions:\n          type: spc_t\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: agent:1.0\n      securityContext:\n        seLinuxOptions:\n          level: "s0:c123,c456"\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    options: {
      schema: {
        type: 'object',
        properties: { allowedTypes: { type: 'array', items: { type: 'string' }, description: 'More SELinux types to allow, on top of the Pod Security Standards list for the target Kubernetes version.' } },
        additionalProperties: false,
      },
      defaults: { allowedTypes: [] },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const allowed = new Set([...allowedSeLinuxTypes(ctx.kubernetesVersion), ...(Array.isArray(ctx.options.allowedTypes) ? ctx.options.allowedTypes.map(String) : [])]);
      for (const p of problems(podSecurityContext(workload)?.get('seLinuxOptions'), allowed)) {
        ctx.report({ at: p.node, message: `${describeWorkload(workload)} sets ${p.what} on the pod; remove it` });
      }
    },
    'k8s:container': (container, ctx) => {
      const allowed = new Set([...allowedSeLinuxTypes(ctx.kubernetesVersion), ...(Array.isArray(ctx.options.allowedTypes) ? ctx.options.allowedTypes.map(String) : [])]);
      for (const p of problems(containerSecurityContext(container)?.get('seLinuxOptions'), allowed)) {
        ctx.report({ at: p.node, message: `container "${container.name}" sets ${p.what}; remove it` });
      }
    },
  },
});
