import { defineRule } from '../../src/engine/rule.js';
import { asInteger, effectiveSecurityContext, isWindowsPod } from '../_lib/security-context.js';

export default defineRule({
  meta: {
    id: 'low-user-id',
    title: 'Container runs with a low UID or GID',
    severity: 'info',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['container-security-context-user-group-id', 'CKV_K8S_40', 'KSV020', 'KSV-0020', 'KSV021', 'KSV-0021'],
    rationale:
      "UIDs and GIDs below 10000 usually exist on the node too (system accounts, the first human users). If the container escapes or shares a host mount, it acts with that account's rights on the node. A high UID and GID owns nothing there. This is a hardening policy, so the rule is opt-in (on in the `strict` preset).",
    remediation:
      'Set `securityContext.runAsUser` and `runAsGroup` (on the pod or the container) above the threshold, e.g. 10001, and build the image to run as that user.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 1000\n    runAsGroup: 1000\n  containers:\n    - name: web\n      image: web:1.0\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n  containers:\n    - name: web\n      image: web:1.0\n',
      },
    ],
    references: ['https://github.com/zegl/kube-score/blob/master/README_CHECKS.md'],
    options: {
      schema: {
        type: 'object',
        properties: {
          threshold: {
            type: 'integer',
            minimum: 0,
            description: 'UIDs and GIDs at or below this are low (kube-score, Checkov and Trivy use 10000).',
          },
        },
        additionalProperties: false,
      },
      defaults: { threshold: 10000 },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (container.type === 'ephemeral' || isWindowsPod(container.workload)) return;
      const threshold = typeof ctx.options.threshold === 'number' ? ctx.options.threshold : 10000;
      const effective = effectiveSecurityContext(container);
      for (const [field, label] of [
        ['runAsUser', 'UID'],
        ['runAsGroup', 'GID'],
      ] as const) {
        const resolved = effective[field];
        if (!resolved) {
          if (!container.workload.object.partial)
            ctx.reportMissing(
              container.node,
              ['securityContext', field],
              `container "${container.name}" does not set ${field}; set a ${label} above ${threshold}`,
            );
          continue;
        }
        const id = asInteger(resolved.value);
        if (id !== undefined && id <= threshold)
          ctx.report({ at: resolved.node, message: `container "${container.name}" runs with ${label} ${id}; use one above ${threshold}` });
      }
    },
  },
});
