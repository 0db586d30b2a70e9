import { defineRule } from '../../src/engine/rule.js';
import { containerSecurityContext, usesUserNamespace, versionAtLeast } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'unmasked-proc-mount',
    title: 'Container mounts /proc unmasked',
    severity: 'error',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['unsafe-proc-mount', 'KSV027', 'KSV-0027', 'procMount', 'procMount_restricted'],
    rationale: 'The runtime masks and makes read-only the parts of `/proc` that leak host information or control the kernel (`/proc/kcore`, `/proc/sys`, `/proc/sysrq-trigger`). `procMount: Unmasked` exposes them to the container. The Pod Security Standards (Baseline) allow only `Default`, or from Kubernetes 1.35 any value in a pod with its own user namespace (`hostUsers: false`); Restricted allows only `Default` even then.',
    remediation: 'Remove `securityContext.procMount` or set it to `Default`. Nested container runtimes that need an unmasked `/proc` should run in a user namespace (`hostUsers: false`).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: builder\n      image: buildkit:0.15\n      securityContext:\n        procMount: Unmasked\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  hostUsers: false\n  containers:\n    - name: builder\n      image: buildkit:0.15\n      securityContext:\n        procMount: Unmasked\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    options: {
      schema: {
        type: 'object',
        properties: { allowInUserNamespace: { type: 'boolean', description: 'Accept any procMount in a pod with `hostUsers: false` (Kubernetes 1.35+), as Baseline does; Restricted does not.' } },
        additionalProperties: false,
      },
      defaults: { allowInUserNamespace: true },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const mount = containerSecurityContext(container)?.get('procMount');
      if (!mount || mount.value === null || mount.value === 'Default') return;
      if (ctx.options.allowInUserNamespace !== false && versionAtLeast(ctx.kubernetesVersion, '1.35') && usesUserNamespace(container.workload)) return;
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar in valid input; a mapping there prints as [object Object], as before
      ctx.report({ at: mount, message: `container "${container.name}" sets procMount: ${String(mount.value)}; remove it or use Default` });
    },
  },
});
