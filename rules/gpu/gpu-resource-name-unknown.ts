import { defineRule } from '../../src/engine/rule.js';
import { closest } from '../../src/util/closest.js';
import { ACCELERATOR_RESOURCES, MIG_RESOURCE } from '../_lib/accelerators.js';

/** Names the rule knows: the accelerators, their monitoring variants and EFA. */
const KNOWN = [...ACCELERATOR_RESOURCES, 'gpu.intel.com/i915_monitoring', 'gpu.intel.com/xe_monitoring', 'vpc.amazonaws.com/efa'];
const VENDOR_DOMAINS = ['nvidia.com/', 'amd.com/', 'gpu.intel.com/', 'habana.ai/'];
const ACCELERATOR_WORD = /(^|[./_-])(gpus?|tpus?|neuron(core|device)?s?|gaudi\d*|mig)([./_-]|\d|$)/i;

export default defineRule({
  meta: {
    id: 'gpu-resource-name-unknown',
    title: 'Accelerator resource name that no device plugin advertises',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-A03'],
    rationale:
      'The scheduler matches a resource name exactly against what nodes advertise. A near miss (`nvidia.com/gpus`, `nvidia/gpu`, `nvidia.com/GPU`, `amd.com/gpus`, a malformed MIG profile) matches no node: the pod stays Pending with "Insufficient nvidia.com/gpus", and nothing else reports the typo.',
    remediation:
      "Use the name the device plugin advertises: `nvidia.com/gpu`, `nvidia.com/gpu.shared`, `nvidia.com/mig-<g>g.<mem>gb`, `amd.com/gpu`, `gpu.intel.com/i915` or `xe`, `habana.ai/gaudi`, `aws.amazon.com/neuron` / `neuroncore`, `google.com/tpu`. Only names under those vendors' domains or with an accelerator word (gpu, tpu, neuron, gaudi, mig) that come within a typo of a known name, differ from one only in case, or are malformed MIG profiles are reported; other extended resources (`example.com/dongle`, `rdma/…`, `volcano.sh/vgpu-number`) are left alone.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        limits:\n          nvidia.com/gpus: 1\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n',
      },
    ],
    references: ['https://github.com/NVIDIA/k8s-device-plugin', 'https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      for (const kind of ['requests', 'limits'] as const) {
        for (const [name, node] of container.node.at('resources', kind)?.entries() ?? []) {
          const problem = judge(name);
          if (problem) ctx.report({ at: node.key(), message: `container "${container.name}" ${kind} "${name}", ${problem}` });
        }
      }
    },
  },
});

function judge(name: string): string | undefined {
  if (KNOWN.includes(name) || MIG_RESOURCE.test(name)) return undefined;
  const lower = name.toLowerCase();
  if (KNOWN.includes(lower)) return `which no node advertises: resource names are case-sensitive ("${lower}")`;
  if (lower.startsWith('nvidia.com/mig-'))
    return 'which is not a MIG profile name (nvidia.com/mig-<g>g.<mem>gb, e.g. nvidia.com/mig-1g.5gb)';
  // Other extended resources (FPGAs, Intel's gpu.intel.com/millicores, custom plugins) are left alone:
  // only a name close to a known accelerator is a likely typo.
  // `nvidia/gpu`: the vendor without its domain's top-level part.
  // Checked before the did-you-mean search, which would otherwise run for every `cpu` and `memory` of the run.
  const looksLikeAccelerator = VENDOR_DOMAINS.some((d) => lower.startsWith(d)) || ACCELERATOR_WORD.test(lower);
  if (!looksLikeAccelerator) return undefined;
  const suggestion = KNOWN.find((k) => k.replace(/\.[a-z]+\//, '/') === lower) ?? closest(name, KNOWN);
  if (suggestion) return `which no device plugin advertises (did you mean "${suggestion}"?)`;
  return undefined;
}
