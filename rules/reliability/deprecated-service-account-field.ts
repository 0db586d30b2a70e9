import { defineRule } from '../../src/engine/rule.js';
import { scalarText } from '../../src/util/text.js';

export default defineRule({
  meta: {
    id: 'deprecated-service-account-field',
    title: 'Deprecated `serviceAccount` field',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['deprecated-service-account-field'],
    rationale:
      '`spec.serviceAccount` is a deprecated alias of `serviceAccountName`, kept only for old clients. When both are set and differ, `serviceAccountName` wins and the other silently does nothing; tools and readers that look at one field miss the other.',
    remediation: 'Rename `serviceAccount` to `serviceAccountName` (or delete it when `serviceAccountName` already says the same).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccount: web\n  containers:\n    - name: web\n      image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security'],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const field = workload.podSpec.get('serviceAccount');
      if (!field || field.value === null || field.value === '') return;
      const name = workload.podSpec.value.serviceAccountName;

      const detail =
        name === undefined
          ? 'rename it to serviceAccountName'
          : name === field.value
            ? 'serviceAccountName already says the same; delete it'
            : `serviceAccountName "${scalarText(name)}" wins; delete it`;
      ctx.report({
        at: workload.podSpec.get('serviceAccount')!,
        message: `${workload.object.kind} "${workload.object.name ?? ''}" uses the deprecated serviceAccount field; ${detail}`,
      });
    },
  },
});
