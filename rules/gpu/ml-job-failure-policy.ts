import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type KNode } from '../../src/model/k8s.js';
import { walk } from '../_lib/ml-workloads.js';

/** A Job spec: a mapping with a pod `template` and a `podFailurePolicy` (Job, CronJob jobTemplate, JobSet replicated job, TrainingRuntime…). */
function isJobSpecWithPolicy(node: KNode): boolean {
  return isMapping(node.value) && isMapping(node.value.podFailurePolicy) && isMapping(node.value.template);
}

export default defineRule({
  meta: {
    id: 'ml-job-failure-policy',
    title: 'Job pod failure policy combined with a restart or replacement policy the API server rejects',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'A pod failure policy (batch/v1, stable since Kubernetes 1.31) lets a GPU job ignore disruptions (`onPodConditions: DisruptionTarget` → `Ignore`) and fail fast on non-retriable exit codes instead of re-queueing GPUs for every retry. The API server only accepts it when the pod template has `restartPolicy: Never` (the kubelet must not restart failed containers in place, or the Job controller never sees the failure), and when `podReplacementPolicy`, if set, is `Failed`. A Job (also inside a CronJob, JobSet or Trainer runtime) that breaks either is rejected when applied.',
    remediation: 'Set `restartPolicy: Never` in the Job\'s pod template and leave `podReplacementPolicy` unset or `Failed`; or drop `podFailurePolicy` if in-place restarts (`OnFailure`) are what you want.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  podFailurePolicy:\n    rules:\n      - action: Ignore\n        onPodConditions:\n          - type: DisruptionTarget\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n        - name: train\n          image: registry.example.com/train:1.0\n',
        good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  podFailurePolicy:\n    rules:\n      - action: Ignore\n        onPodConditions:\n          - type: DisruptionTarget\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/train:1.0\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy', 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-replacement-policy', 'https://github.com/kubernetes-sigs/jobset/tree/main/site/static/examples/failure-policy'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      // A CRD's schema describes these fields; it is not a Job.
      if (object.partial || object.kind === 'CustomResourceDefinition') return;
      walk(object.node, (spec) => {
        if (!isJobSpecWithPolicy(spec)) return;
        const podSpec = spec.at('template', 'spec');
        const restart = podSpec?.get('restartPolicy');
        if (podSpec && isMapping(podSpec.value) && !restart) {
          ctx.reportMissing(podSpec, ['restartPolicy'], `${object.kind} "${object.name ?? ''}" has a podFailurePolicy but its pod template sets no restartPolicy; the API server requires restartPolicy: Never with a pod failure policy`);
        } else if (restart && typeof restart.value === 'string' && restart.value !== 'Never') {
          ctx.report({ at: restart, message: `${object.kind} "${object.name ?? ''}" has a podFailurePolicy but restartPolicy: ${String(restart.value)}; the API server accepts a pod failure policy only with restartPolicy: Never` });
        }
        const replacement = spec.get('podReplacementPolicy');
        if (replacement && typeof replacement.value === 'string' && replacement.value !== 'Failed') {
          ctx.report({ at: replacement, message: `${object.kind} "${object.name ?? ''}" has a podFailurePolicy but podReplacementPolicy: ${String(replacement.value)}; with a pod failure policy only Failed is accepted` });
        }
      });
    },
  },
});
