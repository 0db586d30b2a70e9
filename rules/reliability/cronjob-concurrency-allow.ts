import { defineRule } from '../../src/engine/rule.js';
import { isBuiltInObject } from '../_lib/workload.js';

export default defineRule({
  meta: {
    id: 'cronjob-concurrency-allow',
    title: 'CronJob allows concurrent runs',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: [],
    rationale:
      'With `concurrencyPolicy: Allow` (the default), a run that takes longer than the schedule interval overlaps the next one. Two copies of a backup, report or cleanup job then work on the same data at once, and when runs keep getting slower they pile up until the namespace runs out of quota. Opt-in: jobs that are short or safe to overlap are fine.',
    remediation:
      'Set `spec.concurrencyPolicy: Forbid` (skip a run while the previous one is still going) or `Replace` (stop the old run). Kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: "*/15 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: backup\n              image: backup:1.0\n',
        good: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: "*/15 * * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: backup\n              image: backup:1.0\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#concurrency-policy'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'CronJob' || !isBuiltInObject(object) || object.partial) return;
      const spec = object.node.get('spec');
      if (!spec) return;
      const policy = spec.get('concurrencyPolicy');
      const message = `CronJob "${object.name ?? ''}" lets a slow run overlap the next one; set concurrencyPolicy: Forbid or Replace`;
      if (!policy) ctx.reportMissing(object.node, ['spec', 'concurrencyPolicy'], message);
      else if (policy.value === 'Allow') ctx.report({ at: policy, message });
    },
  },
});
