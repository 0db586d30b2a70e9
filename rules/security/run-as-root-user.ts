import { defineRule } from '../../src/engine/rule.js';
import { composeLiteral, describeService } from '../_lib/compose-service.js';
import { asInteger, containerSecurityContext, podSecurityContext, usesUserNamespace, versionAtLeast } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'run-as-root-user',
    title: 'runAsUser is 0 (root)',
    severity: 'error',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['KSV105', 'KSV-0105', 'runAsUser'],
    rationale:
      "`runAsUser: 0` runs the container as root on purpose, overriding a non-root user the image may name. Root in a container shares the node's kernel and UID 0; a container escape or a writable host mount makes it root on the node. The Pod Security Standards (Restricted) forbid it on the pod and on every container. Docker Compose: an explicit `user: root` or `user: 0` (with or without a group); a service without `user:` runs as its image's USER, which the Compose file does not show, so it is not judged.",
    remediation:
      'Remove `runAsUser: 0`, or set a non-zero UID the image can run as (`runAsUser: 10001`). If the process needs one root privilege (binding port 80), grant that capability (`NET_BIND_SERVICE`) instead. Pods in a user namespace (`hostUsers: false`, Kubernetes 1.35+) are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 0\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 10001\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    options: {
      schema: {
        type: 'object',
        properties: {
          ignoreOverridden: {
            type: 'boolean',
            description:
              'Do not report `runAsUser: 0` on the pod when every container sets its own non-zero runAsUser (the Pod Security Standards report it anyway).',
          },
        },
        additionalProperties: false,
      },
      defaults: { ignoreOverridden: true },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      if (versionAtLeast(ctx.kubernetesVersion, '1.35') && usesUserNamespace(workload)) return;
      const uid = podSecurityContext(workload)?.get('runAsUser');
      const overridden = workload.containers.every((c) => (asInteger(containerSecurityContext(c)?.get('runAsUser')?.value) ?? 0) > 0);
      if (ctx.options.ignoreOverridden !== false && overridden) return;
      if (uid && asInteger(uid.value) === 0)
        ctx.report({
          at: uid,
          message: `${workload.object.kind} "${workload.object.name ?? ''}" runs its containers as root (runAsUser: 0 on the pod); use a non-zero UID`,
        });
    },
    'k8s:container': (container, ctx) => {
      if (versionAtLeast(ctx.kubernetesVersion, '1.35') && usesUserNamespace(container.workload)) return;
      const uid = containerSecurityContext(container)?.get('runAsUser');
      if (uid && asInteger(uid.value) === 0)
        ctx.report({ at: uid, message: `container "${container.name}" runs as root (runAsUser: 0); use a non-zero UID` });
    },
    'compose:service': (service, ctx) => {
      // Only an explicit root user: without `user:` the image's own USER decides, which the file does not show.
      const user = composeLiteral(service, 'user');
      const name = user?.text.trim().split(':')[0];
      if (user && (name === '0' || name === 'root'))
        ctx.report({ at: user.node, message: `${describeService(service)} runs as root (user: ${user.text.trim()}); use a non-zero UID` });
    },
  },
});
