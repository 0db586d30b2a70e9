import { defineRule } from '../../src/engine/rule.js';
import { isBuiltInObject } from '../_lib/workload.js';

/** Jobs that Helm or Argo CD run as hooks and delete by their own policy. */
const HOOK_ANNOTATIONS = ['helm.sh/hook', 'argocd.argoproj.io/hook', 'argocd.argoproj.io/hook-delete-policy', 'helm.sh/hook-delete-policy'];

export default defineRule({
  meta: {
    id: 'job-missing-ttl',
    title: 'Job without ttlSecondsAfterFinished',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['job-ttl-seconds-after-finished'],
    rationale:
      'A finished Job and its pods stay in the cluster until someone deletes them: they pile up in etcd and in `kubectl get pods`, and keep their logs and volumes. `ttlSecondsAfterFinished` lets the TTL controller delete them. Opt-in: with GitOps tools that re-create deleted objects (Argo CD, Flux) a TTL makes the Job run again, and some teams keep finished Jobs on purpose.',
    remediation:
      'Set `spec.ttlSecondsAfterFinished` (for example 86400 to keep a day for debugging). Also consider `backoffLimit` (default 6 retries with exponential back-off) and `activeDeadlineSeconds` so that a Job that cannot succeed stops. Jobs of a CronJob (the CronJob keeps `successfulJobsHistoryLimit`), Helm and Argo CD hook Jobs (deleted by their hook policy) and kustomize patches are not reported.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: migrate:1.0\n',
        good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  ttlSecondsAfterFinished: 86400\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: migrate:1.0\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/',
      'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy',
    ],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'Job' || !isBuiltInObject(object) || object.partial) return;
      if (HOOK_ANNOTATIONS.some((a) => a in object.annotations)) return;
      const spec = object.node.get('spec');
      if (!spec || spec.get('ttlSecondsAfterFinished')) return;
      ctx.reportMissing(
        object.node,
        ['spec', 'ttlSecondsAfterFinished'],
        `Job "${object.name ?? ''}" has no ttlSecondsAfterFinished; it and its pods stay after it finishes`,
      );
    },
  },
});
