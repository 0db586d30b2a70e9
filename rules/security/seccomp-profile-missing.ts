import { setFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { effectiveSeccomp, isWindowsPod, versionAtLeast } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'seccomp-profile-missing',
    title: 'No seccomp profile',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['KSV030', 'KSV-0030', 'CKV_K8S_31', 'container-seccomp-profile', 'seccompProfile_restricted'],
    rationale:
      'Without a seccomp profile a container runs Unconfined on clusters where the kubelet does not default to `RuntimeDefault` (the default unless `--seccomp-default` is set): every system call is open to a compromised process, including those most kernel exploits need. The Pod Security Standards (Restricted) require `RuntimeDefault` or `Localhost` on the pod or on every container. Opt-in (on in the `strict` and `pss-restricted` presets), since clusters that default to RuntimeDefault do not need it.',
    remediation:
      'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (it applies to every container), or on each container. Windows pods (`spec.os.name: windows`) are not judged from Kubernetes 1.25 on.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    fixable: 'safe',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          annotations: {
            type: 'boolean',
            description:
              'The legacy seccomp annotations count as a profile (the Pod Security Standards do not count them from Kubernetes 1.19 on).',
          },
        },
        additionalProperties: false,
      },
      defaults: { annotations: true },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (container.workload.object.partial) return;
      if (versionAtLeast(ctx.kubernetesVersion, '1.25') && isWindowsPod(container.workload)) return;
      const profile = effectiveSeccomp(container, { annotations: ctx.options.annotations !== false });
      // An explicit bad value is seccomp-unconfined's finding; only a missing profile is ours.
      if (profile && profile.from === 'container') return;
      if (profile && (profile.value === 'RuntimeDefault' || profile.value === 'Localhost')) return;
      if (profile && profile.from === 'container-annotation') return;
      ctx.reportMissing(
        container.node,
        ['securityContext', 'seccompProfile', 'type'],
        `container "${container.name}" has no seccomp profile; set securityContext.seccompProfile.type: RuntimeDefault on the pod or the container`,
        setFix(container.node, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault', 'safe'),
      );
    },
  },
});
