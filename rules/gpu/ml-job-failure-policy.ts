import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type K8sObject, type KNode } from '../../src/model/k8s.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorMatcher } from '../_lib/accelerators.js';
import { containerRequestsAccelerator, walk } from '../_lib/ml-workloads.js';
import { parseQuantity } from '../_lib/quantity.js';
import { isBuiltInObject } from '../_lib/workload.js';

/** A Job spec: a mapping with a pod `template` and a `podFailurePolicy` (Job, CronJob jobTemplate, JobSet replicated job, TrainingRuntime…). */
function isJobSpecWithPolicy(node: KNode): boolean {
  return isMapping(node.value) && isMapping(node.value.podFailurePolicy) && isMapping(node.value.template);
}

/** The Job specs of a Job, a CronJob or a JobSet (one per replicated Job). */
function jobSpecs(object: K8sObject): KNode[] {
  if (object.kind === 'Job' && isBuiltInObject(object)) return [object.node.get('spec')].filter((n): n is KNode => n !== undefined);
  if (object.kind === 'CronJob' && isBuiltInObject(object))
    return [object.node.at('spec', 'jobTemplate', 'spec')].filter((n): n is KNode => n !== undefined);
  if (object.kind === 'JobSet' && object.apiVersion.startsWith('jobset.x-k8s.io/'))
    return (object.node.at('spec', 'replicatedJobs')?.items() ?? []).flatMap((job) =>
      [job.at('template', 'spec')].filter((n): n is KNode => n !== undefined),
    );
  return [];
}

export default defineRule({
  meta: {
    id: 'ml-job-failure-policy',
    title: 'Job pod failure policy the API server rejects, or a GPU Job that retries on every failure',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A pod failure policy (batch/v1, stable since Kubernetes 1.31) lets a GPU job ignore disruptions (`onPodConditions: DisruptionTarget` → `Ignore`) and fail fast on non-retriable exit codes instead of re-queueing GPUs for every retry. The API server only accepts it when the pod template has `restartPolicy: Never` (the kubelet must not restart failed containers in place, or the Job controller never sees the failure), and when `podReplacementPolicy`, if set, is `Failed`. A Job (also inside a CronJob, JobSet or Trainer runtime) that breaks either is rejected when applied. A GPU Job with neither a pod failure policy nor a `backoffLimit` retries up to six times whatever the cause — a node drain, a preemption or a bug that fails the same way each time — and each retry waits for GPUs again; it is reported as info.',
    remediation:
      "Set `restartPolicy: Never` in the Job's pod template and leave `podReplacementPolicy` unset or `Failed`; or drop `podFailurePolicy` if in-place restarts (`OnFailure`) are what you want. For a GPU Job, add a pod failure policy (`Ignore` on the `DisruptionTarget` condition, `FailJob` on your program's non-retriable exit codes) or set `backoffLimit` to the retries you mean.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  podFailurePolicy:\n    rules:\n      - action: Ignore\n        onPodConditions:\n          - type: DisruptionTarget\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n        - name: train\n          image: registry.example.com/train:1.0\n',
        good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  podFailurePolicy:\n    rules:\n      - action: Ignore\n        onPodConditions:\n          - type: DisruptionTarget\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/train:1.0\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy',
      'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-replacement-policy',
      'https://github.com/kubernetes-sigs/jobset/tree/main/site/static/examples/failure-policy',
    ],
    options: { schema: { type: 'object', properties: { ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false }, defaults: {} },
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      // A CRD's schema describes these fields; it is not a Job.
      if (object.partial || object.kind === 'CustomResourceDefinition') return;
      const accept = acceleratorMatcher(ctx.options);
      for (const spec of jobSpecs(object)) {
        if (spec.get('podFailurePolicy') || spec.get('backoffLimit') || spec.get('backoffLimitPerIndex')) continue;
        const containers = spec.at('template', 'spec', 'containers')?.value;
        if (!Array.isArray(containers) || !containers.some((c) => containerRequestsAccelerator(c, accept, parseQuantity))) continue;
        ctx.report({
          at: spec.key(),
          severity: 'info',
          message: `${object.kind} "${object.name ?? ''}" requests accelerators but has no podFailurePolicy and the default backoffLimit (6): every failure, a node drain or a bug alike, re-queues it for GPUs; ignore DisruptionTarget and fail on non-retriable exit codes`,
        });
      }
      walk(object.node, (spec) => {
        if (!isJobSpecWithPolicy(spec)) return;
        const podSpec = spec.at('template', 'spec');
        const restart = podSpec?.get('restartPolicy');
        if (podSpec && isMapping(podSpec.value) && !restart) {
          ctx.reportMissing(
            podSpec,
            ['restartPolicy'],
            `${object.kind} "${object.name ?? ''}" has a podFailurePolicy but its pod template sets no restartPolicy; the API server requires restartPolicy: Never with a pod failure policy`,
          );
        } else if (restart && typeof restart.value === 'string' && restart.value !== 'Never') {
          ctx.report({
            at: restart,
            message: `${object.kind} "${object.name ?? ''}" has a podFailurePolicy but restartPolicy: ${String(restart.value)}; the API server accepts a pod failure policy only with restartPolicy: Never`,
          });
        }
        const replacement = spec.get('podReplacementPolicy');
        if (replacement && typeof replacement.value === 'string' && replacement.value !== 'Failed') {
          ctx.report({
            at: replacement,
            message: `${object.kind} "${object.name ?? ''}" has a podFailurePolicy but podReplacementPolicy: ${String(replacement.value)}; with a pod failure policy only Failed is accepted`,
          });
        }
      });
    },
  },
});
