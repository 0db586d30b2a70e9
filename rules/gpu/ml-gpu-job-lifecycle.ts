import { defineRule } from '../../src/engine/rule.js';
import type { K8sObject, KNode } from '../../src/model/k8s.js';
import { workloadsByObject } from '../_lib/ml-workloads.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorMatcher, workloadRequestsAccelerator } from '../_lib/accelerators.js';
import { isBuiltInObject } from '../_lib/workload.js';

/** Kubeflow training-operator kinds whose deadline sits in `spec.runPolicy` (MPIJob v2beta1 too). */
const RUN_POLICY_KINDS = new Set(['PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob', 'MXJob']);
/** Jobs that Helm or Argo CD run as hooks: short-lived by construction. */
const HOOK_ANNOTATIONS = ['helm.sh/hook', 'argocd.argoproj.io/hook'];

/**
 * Where a deadline may be set for the object, as paths from the object, and the path to report
 * when none is: undefined for kinds the rule does not judge.
 */
function deadlinePaths(object: K8sObject): { paths: string[][]; missing: string[] } | undefined {
  if (object.kind === 'Job' && isBuiltInObject(object))
    return { paths: [['spec', 'activeDeadlineSeconds']], missing: ['spec', 'activeDeadlineSeconds'] };
  if (object.kind === 'CronJob' && isBuiltInObject(object))
    return {
      paths: [['spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds']],
      missing: ['spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds'],
    };
  if (RUN_POLICY_KINDS.has(object.kind) && object.apiVersion.startsWith('kubeflow.org/'))
    return { paths: [['spec', 'runPolicy', 'activeDeadlineSeconds']], missing: ['spec', 'runPolicy', 'activeDeadlineSeconds'] };
  if (object.kind === 'JobSet' && object.apiVersion.startsWith('jobset.x-k8s.io/')) {
    const jobs = object.node.at('spec', 'replicatedJobs')?.items() ?? [];
    return {
      paths: jobs.map((_, i) => ['spec', 'replicatedJobs', String(i), 'template', 'spec', 'activeDeadlineSeconds']),
      missing: ['spec', 'replicatedJobs'],
    };
  }
  return undefined;
}

function at(node: KNode, path: readonly string[]): KNode | undefined {
  let current: KNode | undefined = node;
  for (const key of path) current = /^\d+$/.test(key) ? current?.items()[Number(key)] : current?.get(key);
  return current;
}

export default defineRule({
  meta: {
    id: 'ml-gpu-job-lifecycle',
    title: 'GPU training job without a deadline (activeDeadlineSeconds)',
    severity: 'info',
    category: 'gpu',
    status: 'stable',
    since: '0.2.0',
    aliases: ['AI-E20'],
    rationale:
      "A distributed training job whose collective hangs (an NCCL all-reduce waiting on a rank that died, a deadlocked data loader) does not fail: its pods stay Running and keep their GPUs until someone notices. The Job API's `activeDeadlineSeconds` (in `spec.runPolicy` for the Kubeflow training operator, in each replicated Job of a JobSet) bounds the whole run: once it passes, the controller terminates the pods and marks the job failed with reason `DeadlineExceeded`, handing the GPUs back. The TTL half of the lifecycle (deleting finished Jobs) is `job-missing-ttl`.",
    remediation:
      'Set a deadline above the longest run you expect: `spec.activeDeadlineSeconds` on a Job (in `spec.jobTemplate.spec` of a CronJob, in `replicatedJobs[].template.spec` of a JobSet), `spec.runPolicy.activeDeadlineSeconds` on a PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob or JAXJob. Only jobs that request an accelerator are judged; Helm and Argo CD hook Jobs and kustomize patches are not.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: finetune\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/ml/train:1.4\n          resources:\n            limits:\n              nvidia.com/gpu: 8\n',
        good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: finetune\nspec:\n  activeDeadlineSeconds: 172800\n  ttlSecondsAfterFinished: 86400\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/ml/train:1.4\n          resources:\n            limits:\n              nvidia.com/gpu: 8\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup',
      'https://www.kubeflow.org/docs/components/trainer/legacy-v1/reference/distributed-training/',
      'https://jobset.sigs.k8s.io/docs/overview/',
    ],
    options: { schema: { type: 'object', properties: { ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false }, defaults: {} },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const accept = acceleratorMatcher(ctx.options);
      const byObject = workloadsByObject(workloads);
      for (const object of objects) {
        if (object.partial || HOOK_ANNOTATIONS.some((a) => a in object.annotations)) continue;
        const where = deadlinePaths(object);
        if (!where || where.paths.length === 0) continue;
        if (!(byObject.get(object) ?? []).some((w) => workloadRequestsAccelerator(w, accept))) continue;
        if (where.paths.some((path) => at(object.node, path) !== undefined)) continue;
        const field =
          where.missing[where.missing.length - 1] === 'replicatedJobs'
            ? 'replicatedJobs[].template.spec.activeDeadlineSeconds'
            : where.missing.join('.');
        ctx.reportMissing(
          object.node,
          where.missing,
          `${object.kind} "${object.name ?? ''}" requests accelerators but sets no deadline (${field}): a hung run keeps its GPUs until someone deletes it`,
        );
      }
    },
  },
});
