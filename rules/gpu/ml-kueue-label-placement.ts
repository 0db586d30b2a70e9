import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { walk } from '../_lib/ml-workloads.js';

const QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
/** Kinds whose pods Kueue admits one by one (pod integration), where the pod template is a right place for the label. */
const POD_LEVEL_KINDS = new Set(['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DaemonSet']);

function pathText(node: KNode): string {
  return node.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}

export default defineRule({
  meta: {
    id: 'ml-kueue-label-placement',
    title: 'Kueue queue label set where Kueue does not read it',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'Kueue admits a job as a whole: it reads the `kueue.x-k8s.io/queue-name` label from the metadata of the object it manages (the Job, JobSet, PyTorchJob, RayJob, TrainJob, LeaderWorkerSet…), and for a CronJob from the Jobs it creates (`spec.jobTemplate.metadata.labels`). The same label on a pod template or on a replicated job template is ignored: the job is never queued, starts immediately outside the quota, and competes for GPUs with the workloads Kueue admitted. Written as an annotation it is not read either.',
    remediation: 'Move the label to the job object\'s `metadata.labels` (CronJob: `spec.jobTemplate.metadata.labels`). Deployments, StatefulSets and plain Pods are admitted pod by pod and are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  template:\n    metadata:\n      labels:\n        kueue.x-k8s.io/queue-name: gpu-queue\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/train:1.0\n',
        good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\n  labels:\n    kueue.x-k8s.io/queue-name: gpu-queue\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/train:1.0\n',
      },
    ],
    references: ['https://kueue.sigs.k8s.io/docs/tasks/run/jobs/', 'https://kueue.sigs.k8s.io/docs/tasks/run/jobsets/', 'https://kueue.sigs.k8s.io/docs/tasks/run/run_cronjobs/'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.partial) return;
      const cronJobLabels = object.kind === 'CronJob' ? object.node.at('spec', 'jobTemplate', 'metadata', 'labels') : undefined;
      const readPlaces = [object.node.at('metadata', 'labels'), cronJobLabels].filter((n): n is KNode => n !== undefined);
      const labelledRightly = readPlaces.some((n) => n.get(QUEUE_LABEL) !== undefined);
      const podLevel = POD_LEVEL_KINDS.has(object.kind);
      walk(object.node, (node) => {
        const last = node.path[node.path.length - 1];
        const parent = node.path[node.path.length - 2];
        if (parent !== 'metadata' || (last !== 'labels' && last !== 'annotations')) return;
        const entry = node.get(QUEUE_LABEL);
        if (!entry) return;
        if (last === 'annotations') {
          ctx.report({ at: entry.key(), message: `${object.kind} "${object.name ?? ''}" sets ${QUEUE_LABEL} as an annotation at ${pathText(node)}; Kueue reads it only as a label: move it to metadata.labels` });
          return;
        }
        if (readPlaces.some((n) => n.path.join('/') === node.path.join('/')) || labelledRightly || podLevel) return;
        const where = object.kind === 'CronJob' ? 'spec.jobTemplate.metadata.labels' : 'metadata.labels';
        ctx.report({ at: entry.key(), message: `${object.kind} "${object.name ?? ''}" sets ${QUEUE_LABEL} only at ${pathText(node)}, where Kueue does not read it, so the job runs unqueued: move the label to the ${object.kind}'s ${where}` });
      });
    },
  },
});
