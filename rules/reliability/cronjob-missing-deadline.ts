import { defineRule } from '../../src/engine/rule.js';
import { isBuiltInObject } from '../_lib/workload.js';

export default defineRule({
  meta: {
    id: 'cronjob-missing-deadline',
    title: 'CronJob without startingDeadlineSeconds',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['cronjob-has-deadline'],
    rationale:
      'Without `startingDeadlineSeconds`, a CronJob that missed its schedule (controller down, cluster upgrade, `suspend` lifted) counts every missed run since the last one; after more than 100 misses it stops scheduling for good with "too many missed start times", and otherwise it starts a late run at an unexpected hour. Opt-in: for frequent, idempotent jobs the default is acceptable.',
    remediation:
      'Set `spec.startingDeadlineSeconds` to how late a run may still start (for example 300), so missed runs are skipped and the 100-miss limit counts only within that window. Kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: report:1.0\n',
        good: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  startingDeadlineSeconds: 600\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: report:1.0\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'CronJob' || !isBuiltInObject(object) || object.partial) return;
      const spec = object.node.get('spec');
      if (!spec || spec.get('startingDeadlineSeconds')) return;
      ctx.reportMissing(
        object.node,
        ['spec', 'startingDeadlineSeconds'],
        `CronJob "${object.name ?? ''}" has no startingDeadlineSeconds; after 100 missed runs it stops scheduling`,
      );
    },
  },
});
