import { setFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeService } from '../_lib/compose-service.js';
import { containerSecurityContext, isTrue, isWindowsPod } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'writable-root-filesystem',
    title: 'Container root filesystem is writable',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: [
      'no-read-only-root-fs',
      'CKV_K8S_22',
      'KSV014',
      'KSV-0014',
      'notReadOnlyRootFilesystem',
      'container-security-context-readonlyrootfilesystem',
    ],
    rationale:
      'A writable root filesystem lets an attacker who gets code execution in the container drop tools, modify binaries or configuration, and persist until the container restarts. A read-only root filesystem also makes writes explicit: every path the app writes to becomes a declared volume. It is a hardening policy (no Pod Security Standard requires it), and many images write to their filesystem, so the rule is opt-in (on in the `strict` preset). Docker Compose: a service without `read_only: true` (opt-in as for Kubernetes).',
    remediation:
      'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume at each path the process writes to (`/tmp`, caches, pid files).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n  volumes:\n    - name: tmp\n      emptyDir: {}\n',
      },
    ],
    fixable: 'unsafe',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      // Ephemeral debug containers are short-lived and not hardened by peers.
      if (container.type === 'ephemeral' || isWindowsPod(container.workload)) return;
      const flag = containerSecurityContext(container)?.get('readOnlyRootFilesystem');
      if (flag && isTrue(flag.value)) return;
      if (flag && flag.value !== null) {
        const fix = setFix(container.node, ['securityContext', 'readOnlyRootFilesystem'], true, 'unsafe');
        ctx.report({
          ...(fix && { fix }),
          at: flag,
          message: `container "${container.name}" has a writable root filesystem; set readOnlyRootFilesystem: true and mount emptyDir volumes where it writes`,
        });
        return;
      }
      if (container.workload.object.partial) return;
      ctx.reportMissing(
        container.node,
        ['securityContext', 'readOnlyRootFilesystem'],
        `container "${container.name}" has a writable root filesystem; set readOnlyRootFilesystem: true and mount emptyDir volumes where it writes`,
        // Unsafe: a program that writes outside its volumes fails once the root filesystem is read-only.
        setFix(container.node, ['securityContext', 'readOnlyRootFilesystem'], true, 'unsafe'),
      );
    },
    'compose:service': (service, ctx, model) => {
      const flag = service.node.get('read_only');
      if (flag && (flag.value === true || flag.value === 'true' || (typeof flag.value === 'string' && flag.value.includes('$')))) return;
      const message = `${describeService(service)} has a writable root filesystem; set read_only: true and mount tmpfs or volumes where it writes`;
      if (flag && flag.value !== null) {
        ctx.report({ at: flag, message });
        return;
      }
      if (model.partial || service.extends) return;
      ctx.reportMissing(service.node, ['read_only'], message);
    },
  },
});
