import { setFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { capabilities, containerSecurityContext, isFalse, isTrue, isWindowsPod, versionAtLeast } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'privilege-escalation-allowed',
    title: 'Container allows privilege escalation',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: [
      'privilege-escalation-container',
      'CKV_K8S_20',
      'KSV001',
      'KSV-0001',
      'privilegeEscalationAllowed',
      'allowPrivilegeEscalation',
    ],
    rationale:
      'Unless `allowPrivilegeEscalation: false` is set, the kernel lets a process gain more privileges than its parent (setuid binaries such as `su` or `sudo`, file capabilities): a compromised non-root process can become root. It is on by default. The Pod Security Standards (Restricted) require it to be false on every container. Docker Compose has the same switch (`security_opt: [no-new-privileges:true]`), judged by the opt-in rule `compose-no-new-privileges`.',
    remediation:
      'Set `securityContext.allowPrivilegeEscalation: false` on every container and init container. It only works as a container setting (there is no pod-level field). Privileged containers and containers that add `SYS_ADMIN` and leave the field unset are left to `privileged-container` and `capabilities-added`: the API server refuses `allowPrivilegeEscalation: false` on them. Windows pods (`spec.os.name: windows`) are not judged from Kubernetes 1.25 on.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n',
      },
    ],
    fixable: 'safe',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (versionAtLeast(ctx.kubernetesVersion, '1.25') && isWindowsPod(container.workload)) return;
      const flag = containerSecurityContext(container)?.get('allowPrivilegeEscalation');
      if (flag && isFalse(flag.value)) return;
      if (flag && isTrue(flag.value)) {
        const fix = setFix(container.node, ['securityContext', 'allowPrivilegeEscalation'], false, 'safe');
        ctx.report({
          at: flag,
          message: `container "${container.name}" sets allowPrivilegeEscalation: true; set it to false`,
          ...(fix && { fix }),
        });
        return;
      }
      if (flag && flag.value !== null) {
        ctx.report({
          at: flag,
          message: `container "${container.name}" sets allowPrivilegeEscalation to ${JSON.stringify(flag.value)}; set it to false`,
        });
        return;
      }
      if (container.workload.object.partial) return;
      // The API server rejects allowPrivilegeEscalation: false together with privileged or an added SYS_ADMIN,
      // so asking for it there would be wrong; privileged-container and capabilities-added report those.
      if (isTrue(containerSecurityContext(container)?.get('privileged')?.value)) return;
      if (capabilities(container, 'add').some((cap) => cap.name === 'SYS_ADMIN')) return;
      ctx.reportMissing(
        container.node,
        ['securityContext', 'allowPrivilegeEscalation'],
        `container "${container.name}" does not set allowPrivilegeEscalation: false`,
        setFix(container.node, ['securityContext', 'allowPrivilegeEscalation'], false, 'safe'),
      );
    },
  },
});
