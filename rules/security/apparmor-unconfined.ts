import { defineRule } from '../../src/engine/rule.js';
import { composeListItems, describeService } from '../_lib/compose-service.js';
import type { KNode } from '../../src/model/k8s.js';
import { containerSecurityContext, describeWorkload, podAnnotations, podSecurityContext } from '../_lib/security-context.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function profileType(context: KNode | undefined): KNode | undefined {
  const profile = context?.get('appArmorProfile');
  if (!profile || profile.value === null) return undefined;
  return profile.get('type') ?? profile;
}

function allowedAnnotation(value: unknown): boolean {
  return value === '' || value === null || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

export default defineRule({
  meta: {
    id: 'apparmor-unconfined',
    title: 'AppArmor profile set to unconfined',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['appArmorProfile'],
    rationale:
      'On nodes with AppArmor (Ubuntu, Debian, SUSE) the runtime confines every container with its default profile, which denies writes to `/proc` and `/sys` and mounting. Setting the profile to `Unconfined` (field) or `unconfined` (legacy annotation) removes that layer. The Pod Security Standards (Baseline) allow only the runtime default or a localhost profile. Docker Compose: `security_opt: [apparmor:unconfined]` (or `apparmor=unconfined`).',
    remediation:
      'Remove the override, or set `securityContext.appArmorProfile.type: RuntimeDefault` (or `Localhost` with a profile written for the workload). Replace legacy `container.apparmor.security.beta.kubernetes.io/<container>` annotations with the field (Kubernetes 1.30+).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile:\n          type: Unconfined\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile:\n          type: RuntimeDefault\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tutorials/security/apparmor/',
    ],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const type = profileType(podSecurityContext(workload));
      if (type && type.value !== 'RuntimeDefault' && type.value !== 'Localhost') {
        ctx.report({
          at: type,
          message: `${describeWorkload(workload)} sets the pod's AppArmor profile to ${JSON.stringify(type.value)}; use RuntimeDefault or Localhost`,
        });
      }
      // Like the admission controller, every annotation with the prefix counts, whatever container it names.
      for (const [key, node] of podAnnotations(workload)?.entries() ?? []) {
        if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotation(node.value)) continue;
        ctx.report({
          at: node,
          message: `${describeWorkload(workload)} sets the AppArmor profile of container "${key.slice(ANNOTATION_PREFIX.length)}" to ${JSON.stringify(node.value)}; use runtime/default or a localhost/ profile`,
        });
      }
    },
    'k8s:container': (container, ctx) => {
      const type = profileType(containerSecurityContext(container));
      if (type && type.value !== 'RuntimeDefault' && type.value !== 'Localhost') {
        ctx.report({
          at: type,
          message: `container "${container.name}" sets its AppArmor profile to ${JSON.stringify(type.value)}; use RuntimeDefault or Localhost`,
        });
      }
    },
    'compose:service': (service, ctx) => {
      for (const opt of composeListItems(service, 'security_opt')) {
        const match = /^\s*apparmor\s*[:=]\s*(.*?)\s*$/i.exec(opt.text);
        if (match?.[1]?.toLowerCase() === 'unconfined')
          ctx.report({
            at: opt.node,
            message: `${describeService(service)} runs without a apparmor profile (security_opt: ${opt.text.trim()}); remove it to keep Docker's default profile`,
          });
      }
    },
  },
});
