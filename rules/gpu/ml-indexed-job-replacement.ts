import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type KNode } from '../../src/model/k8s.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorMatcher } from '../_lib/accelerators.js';
import { containerRequestsAccelerator, walk } from '../_lib/ml-workloads.js';
import { parseQuantity } from '../_lib/quantity.js';

/** An Indexed Job spec (Job, CronJob jobTemplate, JobSet replicated job, Trainer runtime). */
function isIndexedJobSpec(node: KNode): boolean {
  return isMapping(node.value) && node.value.completionMode === 'Indexed' && isMapping(node.value.template);
}

function parallelism(spec: KNode): number {
  const value = isMapping(spec.value) ? spec.value.parallelism : undefined;
  return typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 1;
}

export default defineRule({
  meta: {
    id: 'ml-indexed-job-replacement',
    title: 'Parallel indexed GPU Job that starts replacement pods before the old ones are gone',
    severity: 'info',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'By default the Job controller creates a replacement pod as soon as a pod starts terminating (`podReplacementPolicy: TerminatingOrFailed`). For an Indexed Job running distributed training, the replacement takes the same index — the same worker rank — while the old pod still holds it: TensorFlow and JAX fail with "Duplicate task registration", and the replacement needs a second set of GPUs, which can trigger a node scale-up for a pod that would have fit a minute later. The Kubernetes blog post for the feature\'s GA (1.34) names exactly these cases. `podReplacementPolicy: Failed` waits until the old pod has fully terminated.',
    remediation:
      "Set `podReplacementPolicy: Failed` on the Job spec (in a JobSet: on the replicated job's template spec). A Job with a `podFailurePolicy` already behaves that way and is not reported.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  completionMode: Indexed\n  completions: 4\n  parallelism: 4\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/train:1.0\n          resources:\n            limits:\n              nvidia.com/gpu: 8\n',
        good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  completionMode: Indexed\n  completions: 4\n  parallelism: 4\n  podReplacementPolicy: Failed\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/train:1.0\n          resources:\n            limits:\n              nvidia.com/gpu: 8\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-replacement-policy',
      'https://kubernetes.io/blog/2025/09/05/kubernetes-v1-34-pod-replacement-policy-for-jobs-goes-ga/',
    ],
    options: { schema: { type: 'object', properties: { ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false }, defaults: {} },
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.partial || object.kind === 'CustomResourceDefinition') return;
      walk(object.node, (spec) => {
        if (!isIndexedJobSpec(spec) || parallelism(spec) < 2 || !isMapping(spec.value)) return;
        if (spec.value.podReplacementPolicy !== undefined || spec.value.podFailurePolicy !== undefined) return;
        const containers = spec.at('template', 'spec', 'containers')?.value;
        if (
          !Array.isArray(containers) ||
          !containers.some((c) => containerRequestsAccelerator(c, acceleratorMatcher(ctx.options), parseQuantity))
        )
          return;
        const mode = spec.get('completionMode');
        if (!mode) return;
        ctx.report({
          at: mode,
          message: `${object.kind} "${object.name ?? ''}" runs ${parallelism(spec)} indexed GPU pods in parallel without podReplacementPolicy: Failed; a replacement pod can take a rank (and GPUs) while the old pod is still terminating: set podReplacementPolicy: Failed`,
        });
      });
    },
  },
});
