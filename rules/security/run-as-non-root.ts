import { setFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import {
  asInteger,
  effectiveSecurityContext,
  isFalse,
  isTrue,
  podSecurityContext,
  usesUserNamespace,
  versionAtLeast,
} from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'run-as-non-root',
    title: 'Container may run as root',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['CKV_K8S_23', 'KSV012', 'KSV-0012', 'runAsRootAllowed', 'runAsNonRoot'],
    rationale:
      'Unless `runAsNonRoot: true` or a non-zero `runAsUser` is in force, the container runs as whatever user its image names, and most images name root. A process that is root in the container is one kernel bug or one mounted socket away from root on the node. The Pod Security Standards (Restricted) require `runAsNonRoot: true`.',
    remediation:
      'Set `securityContext.runAsNonRoot: true` on the pod (or on every container) and make the image run as a numeric non-root user (`USER 10001`), or set `runAsUser` to a non-zero UID. Pods that run in a user namespace (`hostUsers: false`, Kubernetes 1.35+) are not judged: their root is not root on the node.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n      image: nginxinc/nginx-unprivileged:1.27\n',
      },
    ],
    fixable: 'unsafe',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          acceptRunAsUser: {
            type: 'boolean',
            description:
              'A non-zero `runAsUser` counts as running as non-root (kube-linter, Polaris). The Pod Security Standards do not accept it: they want `runAsNonRoot: true`.',
          },
        },
        additionalProperties: false,
      },
      defaults: { acceptRunAsUser: true },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      // The Pod Security Standards reject `runAsNonRoot: false` on the pod even when every container overrides it.
      if (ctx.options.acceptRunAsUser === true || (versionAtLeast(ctx.kubernetesVersion, '1.35') && usesUserNamespace(workload))) return;
      const podFlag = podSecurityContext(workload)?.get('runAsNonRoot');
      if (podFlag && isFalse(podFlag.value))
        ctx.report({
          at: podFlag,
          message: `${workload.object.kind} "${workload.object.name ?? ''}" sets runAsNonRoot: false on the pod; set it to true`,
        });
    },
    'k8s:container': (container, ctx) => {
      const workload = container.workload;
      if (versionAtLeast(ctx.kubernetesVersion, '1.35') && usesUserNamespace(workload)) return;
      const effective = effectiveSecurityContext(container);
      const flag = effective.runAsNonRoot;
      if (flag && isTrue(flag.value)) return;
      const uid = effective.runAsUser ? asInteger(effective.runAsUser.value) : undefined;
      if (ctx.options.acceptRunAsUser === true && uid !== undefined && uid > 0) return;
      if (flag && isFalse(flag.value)) {
        if (flag.from === 'pod' && ctx.options.acceptRunAsUser !== true) return; // reported once for the pod
        ctx.report({
          at: flag.node,
          message: `container "${container.name}" ${flag.from === 'pod' ? 'inherits runAsNonRoot: false from the pod' : 'sets runAsNonRoot: false'}; set it to true and run the image as a non-root user`,
        });
        return;
      }
      if (workload.object.partial) return;
      // A templated runAsUser (`{{ .Values.uid }}`) cannot be judged.
      if (effective.runAsUser && uid === undefined && ctx.options.acceptRunAsUser === true) return;
      ctx.reportMissing(
        container.node,
        ['securityContext', 'runAsNonRoot'],
        `container "${container.name}" may run as root: set securityContext.runAsNonRoot: true (on the pod or the container)${ctx.options.acceptRunAsUser === true ? ' or a non-zero runAsUser' : ''}`,
        // Unsafe: an image whose user is root then fails to start.
        setFix(container.node, ['securityContext', 'runAsNonRoot'], true, 'unsafe'),
      );
    },
  },
});
