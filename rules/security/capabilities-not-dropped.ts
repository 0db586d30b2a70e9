import { dropCapabilityFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { capabilities, isTrue, isWindowsPod, versionAtLeast, containerSecurityContext } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'capabilities-not-dropped',
    title: 'Container does not drop all capabilities',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: [
      'KSV003',
      'KSV-0003',
      'KSV004',
      'KSV-0004',
      'KSV106',
      'KSV-0106',
      'CKV_K8S_37',
      'insecureCapabilities',
      'capabilities_restricted',
    ],
    rationale:
      'Container runtimes give every container a default set of capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW…) that most processes never use; each one is attack surface a compromised process can use. Dropping `ALL` and adding back only what is needed is least privilege. The Pod Security Standards (Restricted) require `drop: [ALL]`. Many images still need some default capability, so the rule is opt-in (on in the `strict` and `pss-restricted` presets).',
    remediation:
      'Set `securityContext.capabilities.drop: [ALL]` on every container, and add back the few the process needs (`add: [NET_BIND_SERVICE]`). Windows pods (`spec.os.name: windows`) are not judged from Kubernetes 1.25 on.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [NET_RAW]\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [ALL]\n',
      },
    ],
    fixable: 'unsafe',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (versionAtLeast(ctx.kubernetesVersion, '1.25') && isWindowsPod(container.workload)) return;
      if (isTrue(containerSecurityContext(container)?.get('privileged')?.value)) return; // privileged-container says it
      if (capabilities(container, 'drop').some((cap) => cap.name === 'ALL')) return;
      if (container.workload.object.partial) return;
      const drop = containerSecurityContext(container)?.at('capabilities', 'drop');
      const message = `container "${container.name}" does not drop ALL capabilities; set securityContext.capabilities.drop: [ALL] and add back only what it needs`;
      // Unsafe: a program that needs a capability (binding port 80 as root, ping) fails without it.
      const fix = dropCapabilityFix(container.node, 'ALL', 'unsafe');
      if (drop) ctx.report({ at: drop, message, ...(fix && { fix }) });
      else ctx.reportMissing(container.node, ['securityContext', 'capabilities', 'drop'], message, fix);
    },
  },
});
