import { defineRule } from '../../src/engine/rule.js';
import { editDistance } from '../../src/util/closest.js';
import { ACCELERATOR_LABEL_FAMILIES, ACCELERATOR_NODE_LABELS, DEPRECATED_ACCELERATOR_LABELS } from '../_lib/accelerators.js';
import { nodeSelectionKeys } from './_lib/node-selection.js';

/** At most this many edits from a known label: further away, the key is more likely a label we do not know than a typo. */
const TYPO_DISTANCE = 2;

export default defineRule({
  meta: {
    id: 'gpu-node-label-unknown',
    title: 'Node selector or affinity on a misspelt or deprecated accelerator node label',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-B11'],
    rationale: 'Accelerator nodes are selected by the labels NVIDIA GPU feature discovery and the GPU operator (`nvidia.com/gpu.product`, `nvidia.com/gpu.memory`, `nvidia.com/cuda.driver-version.major`…), the clouds (`cloud.google.com/gke-accelerator`, `karpenter.k8s.aws/instance-gpu-name`, `kubernetes.azure.com/accelerator`) and AMD\'s node labeller put on them. A required selector on a misspelt key matches no node, so the pod stays Pending with "didn\'t match Pod\'s node affinity/selector"; the old `nvidia.com/cuda.driver.*` keys are no longer set by current GPU feature discovery.',
    remediation: 'Use the label key the message suggests; the catalogue is in rules/_lib/accelerators.ts. Only keys within two edits of a known accelerator label in the same family (`nvidia.com/gpu.*`, `cloud.google.com/gke-accelerator`…) are reported, so labels the catalogue does not know stay quiet. Deprecated keys are reported at `info`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: infer\nspec:\n  nodeSelector:\n    nvidia.com/gpu.products: NVIDIA-L4\n  containers:\n    - name: infer\n      image: vllm/vllm-openai:v0.6.3\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: infer\nspec:\n  nodeSelector:\n    nvidia.com/gpu.product: NVIDIA-L4\n  containers:\n    - name: infer\n      image: vllm/vllm-openai:v0.6.3\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n',
      },
    ],
    references: ['https://github.com/NVIDIA/k8s-device-plugin/blob/main/docs/gpu-feature-discovery/README.md', 'https://cloud.google.com/kubernetes-engine/docs/how-to/gpus', 'https://karpenter.sh/docs/reference/instance-types/', 'https://learn.microsoft.com/en-us/azure/aks/use-labels'],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      for (const { key, at } of nodeSelectionKeys(workload)) {
        const replacement = DEPRECATED_ACCELERATOR_LABELS[key];
        if (replacement) {
          ctx.report({ at, severity: 'info', message: `node label ${key} is deprecated; current GPU feature discovery sets ${replacement}` });
          continue;
        }
        if (ACCELERATOR_NODE_LABELS.includes(key) || key.startsWith('nvidia.com/gpu.deploy.')) continue;
        if (!ACCELERATOR_LABEL_FAMILIES.some((family) => family.test(key))) continue;
        const suggestion = ACCELERATOR_NODE_LABELS.map((label) => ({ label, distance: editDistance(key, label) }))
          .filter(({ distance }) => distance <= TYPO_DISTANCE)
          .sort((a, b) => a.distance - b.distance)[0];
        if (!suggestion) continue;
        ctx.report({ at, message: `no accelerator node carries the label ${key}, so this selector matches no node; did you mean ${suggestion.label}?` });
      }
    },
  },
});
