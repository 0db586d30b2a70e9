import { defineRule } from '../../src/engine/rule.js';
import type { K8sObject, KNode, Workload } from '../../src/model/k8s.js';
import { workloadsByObject } from '../_lib/ml-workloads.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorMatcher, workloadRequestsAccelerator } from '../_lib/accelerators.js';
import { isBuiltInObject } from '../_lib/workload.js';

/** Kubeflow training-operator v1 kinds and the key of their replica specs. */
const KUBEFLOW_SPECS: Record<string, string> = {
  PyTorchJob: 'pytorchReplicaSpecs',
  TFJob: 'tfReplicaSpecs',
  MPIJob: 'mpiReplicaSpecs',
  XGBoostJob: 'xgbReplicaSpecs',
  PaddleJob: 'paddleReplicaSpecs',
  JAXJob: 'jaxReplicaSpecs',
  MXJob: 'mxReplicaSpecs',
};
/** Schedulers that place a group of pods all at once (Volcano, the scheduler-plugins coscheduling scheduler). */
const GANG_SCHEDULERS = new Set(['volcano', 'scheduler-plugins-scheduler', 'scheduler-plugins']);
const QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
const POD_GROUP_LABELS = ['scheduling.x-k8s.io/pod-group', 'pod-group.scheduling.sigs.k8s.io', 'volcano.sh/job-name'];

function count(node: KNode | undefined, fallback: number): number | undefined {
  const value = node?.value;
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** How many pods the job runs at once, or undefined when the kind is not judged or a count is not a literal. */
function podCount(object: K8sObject): number | undefined {
  const spec = object.node.get('spec');
  const key = KUBEFLOW_SPECS[object.kind];
  if (key && object.apiVersion.startsWith('kubeflow.org/')) {
    let total = 0;
    for (const [, replica] of spec?.get(key)?.entries() ?? []) {
      const n = count(replica.get('replicas'), 1);
      if (n === undefined) return undefined;
      total += n;
    }
    return total;
  }
  if (object.kind === 'JobSet' && object.apiVersion.startsWith('jobset.x-k8s.io/')) {
    let total = 0;
    for (const job of spec?.get('replicatedJobs')?.items() ?? []) {
      const replicas = count(job.get('replicas'), 1);
      const parallelism = count(job.at('template', 'spec', 'parallelism'), 1);
      if (replicas === undefined || parallelism === undefined) return undefined;
      total += replicas * parallelism;
    }
    return total;
  }
  if (object.kind === 'Job' && isBuiltInObject(object)) return count(spec?.get('parallelism'), 1);
  return undefined;
}

/** Whether the job asks for all-or-nothing placement: a Kueue queue (on the job, where Kueue reads it), a gang scheduler or pod group, a Kubeflow scheduling policy. */
function hasGang(object: K8sObject, workloads: readonly Workload[]): boolean {
  if (QUEUE_LABEL in object.labels || QUEUE_LABEL in object.annotations) return true;
  if (object.node.at('spec', 'runPolicy', 'schedulingPolicy') !== undefined) return true;
  return workloads.some((w) => {
    const scheduler = w.podSpec.value.schedulerName;
    return (
      (typeof scheduler === 'string' && GANG_SCHEDULERS.has(scheduler)) ||
      POD_GROUP_LABELS.some((l) => l in w.templateLabels) ||
      'scheduling.k8s.io/group-name' in w.templateAnnotations
    );
  });
}

function hasPriority(object: K8sObject, workloads: readonly Workload[]): boolean {
  if ('kueue.x-k8s.io/priority-class' in object.labels) return true;
  if (typeof object.node.at('spec', 'runPolicy', 'schedulingPolicy', 'priorityClass')?.value === 'string') return true;
  return workloads.some(
    (w) => typeof w.podSpec.value.priorityClassName === 'string' || 'kueue.x-k8s.io/priority-class' in w.templateLabels,
  );
}

export default defineRule({
  meta: {
    id: 'ml-training-scheduling',
    title: 'Multi-pod GPU training job without gang scheduling (Kueue, Volcano, pod group) or a priority',
    severity: 'info',
    category: 'gpu',
    status: 'stable',
    since: '0.2.0',
    aliases: ['AI-E23'],
    rationale:
      "The default scheduler places pods one at a time. A distributed training job whose workers only start together (torchrun rendezvous, MPI, a JAX coordinator) can get some of its pods placed while the rest wait for GPUs: the placed ones hold their GPUs and wait forever, and two such jobs can deadlock each other's GPUs. Kueue (a `kueue.x-k8s.io/queue-name` label: the job is admitted only when its whole quota fits), Volcano and the coscheduling plugin (pod groups) place the job all or nothing. Without a `priorityClassName` (or Kueue priority class) the scheduler cannot let an inference service preempt training when GPUs run short, nor keep a long run from being preempted by a test job.",
    remediation:
      'Submit the job through a Kueue LocalQueue (`metadata.labels: {kueue.x-k8s.io/queue-name: <queue>}`), or gang-schedule it with Volcano (`schedulerName: volcano`, a PodGroup, or `runPolicy.schedulingPolicy` for the Kubeflow training operator) or the coscheduling plugin; give training pods a PriorityClass below the inference services. Judged for Kubeflow PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob and JAXJob, JobSet, and Jobs with `parallelism` above 1, when they request accelerators and run more than one pod (the priority: any such job). Clusters that put every job of a namespace in a default Kueue LocalQueue can turn the rule off.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: ddp\nspec:\n  pytorchReplicaSpecs:\n    Master:\n      replicas: 1\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              image: registry.example.com/ml/ddp:2.0\n              resources:\n                limits: {nvidia.com/gpu: 8}\n    Worker:\n      replicas: 3\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              image: registry.example.com/ml/ddp:2.0\n              resources:\n                limits: {nvidia.com/gpu: 8}\n',
        good: 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: ddp\n  labels:\n    kueue.x-k8s.io/queue-name: gpu-training\n    kueue.x-k8s.io/priority-class: training\nspec:\n  pytorchReplicaSpecs:\n    Master:\n      replicas: 1\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              image: registry.example.com/ml/ddp:2.0\n              resources:\n                limits: {nvidia.com/gpu: 8}\n    Worker:\n      replicas: 3\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              image: registry.example.com/ml/ddp:2.0\n              resources:\n                limits: {nvidia.com/gpu: 8}\n',
      },
    ],
    references: [
      'https://kueue.sigs.k8s.io/docs/overview/',
      'https://volcano.sh/en/docs/podgroup/',
      'https://www.kubeflow.org/docs/components/trainer/legacy-v1/user-guides/job-scheduling/',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/',
    ],
    options: { schema: { type: 'object', properties: { ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false }, defaults: {} },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const accept = acceleratorMatcher(ctx.options);
      const byObject = workloadsByObject(workloads);
      for (const object of objects) {
        if (object.partial) continue;
        const pods = podCount(object);
        if (pods === undefined) continue;
        const own = byObject.get(object) ?? [];
        if (!own.some((w) => workloadRequestsAccelerator(w, accept))) continue;
        const missing: string[] = [];
        const why: string[] = [];
        if (pods > 1 && !hasGang(object, own)) {
          missing.push(`no gang scheduling or queue for its ${pods} pods (a Kueue queue-name label, Volcano, a pod group)`);
          why.push('a partly placed job holds GPUs while it waits for the rest');
        }
        // A single-pod batch Job is any GPU job; the priority half is about training jobs.
        if (!(object.kind === 'Job' && pods < 2) && !hasPriority(object, own)) {
          missing.push('no priorityClassName');
          why.push('nothing decides which work yields when GPUs run short');
        }
        if (missing.length === 0) continue;
        ctx.report({
          at: object.node.at('metadata', 'name') ?? object.node.get('kind') ?? object.node,
          message: `${object.kind} "${object.name ?? ''}" trains on accelerators with ${missing.join(' and ')}: ${why.join(', and ')}`,
        });
      }
    },
  },
});
