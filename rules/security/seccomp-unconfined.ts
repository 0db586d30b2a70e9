import { defineRule } from '../../src/engine/rule.js';
import { composeListItems, describeService } from '../_lib/compose-service.js';
import type { Container, KNode } from '../../src/model/k8s.js';
import { annotationProfileType, containerSecurityContext, podAnnotations, podSecurityContext } from '../_lib/security-context.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

function allowedType(value: unknown): boolean {
  return value === 'RuntimeDefault' || value === 'Localhost';
}

function profileType(context: KNode | undefined): KNode | undefined {
  const profile = context?.get('seccompProfile');
  if (!profile || profile.value === null) return undefined;
  return profile.get('type') ?? profile;
}

export default defineRule({
  meta: {
    id: 'seccomp-unconfined',
    title: 'Seccomp profile set to Unconfined',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.2.0',
    aliases: ['KSV104', 'KSV-0104', 'seccompProfile_baseline', '404fde2c-bc4b-4371-9747-7054132ac953'],
    rationale:
      "Seccomp filters the system calls a container may make; the runtime's default profile blocks a few dozen that containers never need and that many kernel exploits use (`unshare`, `keyctl`, `bpf`, `ptrace` on older kernels). `Unconfined` turns the filter off. The Pod Security Standards (Baseline) forbid it on the pod and on every container (and, before Kubernetes 1.19, in the legacy `seccomp.security.alpha.kubernetes.io` annotations). Docker Compose: `security_opt: [seccomp:unconfined]` (or `seccomp=unconfined`). Difference from KICS (Default Seccomp Profile Disabled): `label:seccomp:unconfined` is an SELinux label option that Docker does not read as a seccomp profile, so it is not reported.",
    remediation:
      'Set `securityContext.seccompProfile.type: RuntimeDefault` (or `Localhost` with a profile that allows the extra system calls the process needs) instead of `Unconfined`, and drop legacy `seccomp.security.alpha.kubernetes.io/*: unconfined` annotations.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          annotations: {
            type: 'boolean',
            description:
              'Also judge the legacy seccomp annotations (the Pod Security Standards judge them only before Kubernetes 1.19, the fields only from 1.19).',
          },
          fields: { type: 'boolean', description: 'Judge the `seccompProfile` fields.' },
        },
        additionalProperties: false,
      },
      defaults: { annotations: true, fields: true },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const name = `${workload.object.kind} "${workload.object.name ?? ''}"`;
      const type = ctx.options.fields !== false ? profileType(podSecurityContext(workload)) : undefined;
      if (type && !allowedType(type.value))
        ctx.report({
          at: type,
          message: `${name} sets the pod's seccomp profile to ${JSON.stringify(type.value)}; use RuntimeDefault or Localhost`,
        });
      const annotation = ctx.options.annotations !== false ? podAnnotations(workload)?.get(POD_ANNOTATION) : undefined;
      if (annotation && !allowedAnnotation(annotation.value))
        ctx.report({
          at: annotation,
          message: `${name} sets the legacy pod seccomp annotation to ${JSON.stringify(annotation.value)}; use seccompProfile.type: RuntimeDefault`,
        });
    },
    'k8s:container': (container: Container, ctx) => {
      const type = ctx.options.fields !== false ? profileType(containerSecurityContext(container)) : undefined;
      if (type && !allowedType(type.value))
        ctx.report({
          at: type,
          message: `container "${container.name}" sets its seccomp profile to ${JSON.stringify(type.value)}; use RuntimeDefault or Localhost`,
        });
      const annotation =
        ctx.options.annotations !== false ? podAnnotations(container.workload)?.get(CONTAINER_ANNOTATION + container.name) : undefined;
      if (annotation && !allowedAnnotation(annotation.value))
        ctx.report({
          at: annotation,
          message: `container "${container.name}" has a legacy seccomp annotation ${JSON.stringify(annotation.value)}; use seccompProfile.type: RuntimeDefault`,
        });
    },
    'compose:service': (service, ctx) => {
      for (const opt of composeListItems(service, 'security_opt')) {
        const match = /^\s*seccomp\s*[:=]\s*(.*?)\s*$/i.exec(opt.text);
        if (match?.[1]?.toLowerCase() === 'unconfined')
          ctx.report({
            at: opt.node,
            message: `${describeService(service)} runs without a seccomp profile (security_opt: ${opt.text.trim()}); remove it to keep Docker's default profile`,
          });
      }
    },
  },
});

function allowedAnnotation(value: unknown): boolean {
  const type = annotationProfileType(value);
  return type === 'RuntimeDefault' || type === 'Localhost';
}
