import { defineRule } from '../../src/engine/rule.js';
import { PLATFORM_OPTION_SCHEMA, platformOf, requestedAccelerators } from '../_lib/accelerators.js';
import { nodeSelectionKeys } from './_lib/node-selection.js';

const TPU_LABELS = ['cloud.google.com/gke-tpu-accelerator', 'cloud.google.com/gke-tpu-topology'];

export default defineRule({
  meta: {
    id: 'gpu-tpu-selectors',
    title: 'TPU request without the GKE TPU accelerator and topology node selectors',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-B12'],
    rationale: 'GKE places a pod that requests `google.com/tpu` on a TPU slice chosen by two node labels: `cloud.google.com/gke-tpu-accelerator` (the TPU version, e.g. `tpu-v6e-slice`) and `cloud.google.com/gke-tpu-topology` (the slice shape, e.g. `2x4`). GKE\'s TPU documentation asks for both, and every upstream TPU sample (KubeRay, LeaderWorkerSet, JobSet) sets both; without them the pod may not schedule or node auto-provisioning cannot pick a slice.',
    remediation: 'Add both labels under `nodeSelector` (or as required node affinity): `cloud.google.com/gke-tpu-accelerator: tpu-v6e-slice` and `cloud.google.com/gke-tpu-topology: 2x4`. With `platform: gke` the finding is an error.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tpu\nspec:\n  containers:\n    - name: jax\n      image: python:3.11\n      resources:\n        limits:\n          google.com/tpu: 4\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tpu\nspec:\n  nodeSelector:\n    cloud.google.com/gke-tpu-accelerator: tpu-v6e-slice\n    cloud.google.com/gke-tpu-topology: 2x2\n  containers:\n    - name: jax\n      image: python:3.11\n      resources:\n        limits:\n          google.com/tpu: 4\n',
      },
    ],
    references: ['https://cloud.google.com/kubernetes-engine/docs/how-to/tpus', 'https://cloud.google.com/kubernetes-engine/docs/concepts/plan-tpus'],
    options: { schema: { type: 'object', properties: { ...PLATFORM_OPTION_SCHEMA }, additionalProperties: false }, defaults: { platform: 'generic' } },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      if (workload.object.partial) return;
      if (!workload.containers.some((container) => requestedAccelerators(container, (name) => name === 'google.com/tpu').length > 0)) return;
      const selected = new Set(nodeSelectionKeys(workload).filter(({ required }) => required).map(({ key }) => key));
      const missing = TPU_LABELS.filter((label) => !selected.has(label));
      if (missing.length === 0) return;
      const severity = platformOf(ctx.options) === 'gke' ? 'error' : 'warning';
      ctx.report({ at: workload.podSpec.nearest(['nodeSelector']), severity, message: `${workload.object.kind} "${workload.object.name ?? ''}" requests google.com/tpu without the node selector${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}; GKE needs both to pick a TPU slice` });
    },
  },
});
