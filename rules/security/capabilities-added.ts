import { defineRule } from '../../src/engine/rule.js';
import { composeListItems, describeService } from '../_lib/compose-service.js';
import { capabilities, isWindowsPod, normalizeCapability, versionAtLeast } from '../_lib/security-context.js';

/** The capabilities the Pod Security Standards (Baseline) allow to add: the container runtimes' defaults without NET_RAW. */
export const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

export default defineRule({
  meta: {
    id: 'capabilities-added',
    title: 'Container adds a capability beyond the safe set',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: [
      'CKV_K8S_25',
      'CKV_K8S_39',
      'KSV005',
      'KSV-0005',
      'KSV022',
      'KSV-0022',
      'KSV119',
      'KSV-0119',
      'KSV120',
      'KSV-0120',
      'dangerousCapabilities',
      'capabilities_baseline',
      'ce76b7d0-9e77-464d-b86f-c5c48e03e22d',
    ],
    rationale:
      "Capabilities beyond the safe set hand root powers to the container: `SYS_ADMIN` is nearly root on the node (mount, namespaces, BPF), `NET_ADMIN` rewrites the node's network when combined with the host network, `SYS_MODULE` loads kernel modules, `SYS_PTRACE` reads other processes' memory, `NET_RAW` spoofs packets, and `ALL` is all of them. The safe set is the one the Pod Security Standards (Baseline) allow to add: the container runtimes' defaults without `NET_RAW`. Docker Compose: every `cap_add` item beyond the allowed set (Docker's defaults without NET_RAW), `ALL` included. Differences from KICS (Container Capabilities Unrestricted): k8slint reports the offending item, KICS the `cap_add:` key; KICS also reports services without `cap_drop`, which is not this rule.",
    remediation:
      'Remove the capability from `securityContext.capabilities.add`, or find the narrower one the process needs. Node agents that really need one (CNI plugins, device plugins) should carry a suppression with the reason, or list it in the `allowed` option.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: agent:1.0\n      securityContext:\n        capabilities:\n          add: [SYS_ADMIN]\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: agent:1.0\n      securityContext:\n        capabilities:\n          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          allowed: {
            type: 'array',
            items: { type: 'string' },
            description: 'Capabilities that may be added (names without `CAP_`). Default: the Pod Security Standards Baseline list.',
          },
          allowedOnWindows: {
            type: 'array',
            items: { type: 'string' },
            description: 'A different list for Windows pods (`spec.os.name: windows`, Kubernetes 1.25+); unset: the same list.',
          },
        },
        additionalProperties: false,
      },
      defaults: { allowed: BASELINE_CAPABILITIES },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const windows =
        Array.isArray(ctx.options.allowedOnWindows) && versionAtLeast(ctx.kubernetesVersion, '1.25') && isWindowsPod(container.workload);
      const list = windows ? ctx.options.allowedOnWindows : ctx.options.allowed;
      const allowed = new Set((Array.isArray(list) ? list : BASELINE_CAPABILITIES).map((c) => normalizeCapability(String(c))));
      for (const cap of capabilities(container, 'add')) {
        if (allowed.has(cap.name)) continue;
        ctx.report({
          at: cap.node,
          message: `container "${container.name}" adds the capability ${cap.name}, beyond the allowed set; remove it or suppress with the reason`,
        });
      }
    },
    'compose:service': (service, ctx) => {
      const allowed = new Set(
        (Array.isArray(ctx.options.allowed) ? ctx.options.allowed : BASELINE_CAPABILITIES).map((c) => normalizeCapability(String(c))),
      );
      for (const cap of composeListItems(service, 'cap_add')) {
        const name = normalizeCapability(cap.text);
        if (allowed.has(name)) continue;
        ctx.report({
          at: cap.node,
          message: `${describeService(service)} adds the capability ${name}${name === 'ALL' ? ' (every capability)' : ''}, beyond the allowed set; remove it or suppress with the reason`,
        });
      }
    },
  },
});
