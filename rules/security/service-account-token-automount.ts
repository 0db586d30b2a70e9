import { setFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { sameNamespace } from '../_lib/workload.js';

export default defineRule({
  meta: {
    id: 'service-account-token-automount',
    title: 'Service account token mounted into the pod',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['automountServiceAccountToken', 'CKV_K8S_38', 'KSV036'],
    rationale:
      'By default every pod gets a token of its service account at /var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the Kubernetes API; for them the token only helps an attacker who gets code execution in the pod to talk to the API server with whatever RBAC the account has. Opt-in: controllers, operators and anything using the API need the token.',
    remediation:
      'Set `automountServiceAccountToken: false` in the pod spec, or on the ServiceAccount (a ServiceAccount among the linted files of the same name and namespace with `automountServiceAccountToken: false` counts, unless the pod sets it back to true). Pods that need the API can mount a projected token volume with a short lifetime and an audience instead.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    fixable: 'unsafe',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const accounts = objects.filter((o) => o.kind === 'ServiceAccount' && o.apiVersion === 'v1');
      for (const workload of workloads) {
        if (workload.object.partial) continue;
        const flag = workload.podSpec.get('automountServiceAccountToken');
        if (flag?.value === false || flag?.value === 'false') continue;
        const accountName =
          typeof workload.podSpec.value.serviceAccountName === 'string' ? workload.podSpec.value.serviceAccountName : 'default';
        if (flag) {
          const fix = setFix(workload.podSpec, ['automountServiceAccountToken'], false, 'unsafe');
          ctx.report({
            ...(fix && { fix }),
            at: flag,
            message: `${workload.object.kind} "${workload.object.name ?? ''}" mounts the token of service account "${accountName}"; set automountServiceAccountToken: false unless it calls the Kubernetes API`,
          });
          continue;
        }
        const account = accounts.find((a) => a.name === accountName && sameNamespace(a.namespace, workload.object.namespace));
        if (account && account.node.value.automountServiceAccountToken === false) continue;
        ctx.reportMissing(
          workload.podSpec,
          ['automountServiceAccountToken'],
          `${workload.object.kind} "${workload.object.name ?? ''}" mounts the token of service account "${accountName}"; set automountServiceAccountToken: false unless it calls the Kubernetes API`,
          // Unsafe: a program that calls the Kubernetes API loses its credentials.
          setFix(workload.podSpec, ['automountServiceAccountToken'], false, 'unsafe'),
        );
      }
    },
  },
});
