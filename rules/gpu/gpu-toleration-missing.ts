import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type Workload } from '../../src/model/k8s.js';
import { ACCELERATOR_OPTION_SCHEMA, PLATFORM_OPTION_SCHEMA, acceleratorMatcher, isNvidiaGpuResource, platformOf, requestedAccelerators } from '../_lib/accelerators.js';

/** The taint key a node offering the resource carries by convention: the resource's device name (MIG and shared slices sit on nvidia.com/gpu nodes). */
function taintKeyFor(resource: string): string {
  if (isNvidiaGpuResource(resource)) return 'nvidia.com/gpu';
  if (resource.startsWith('aws.amazon.com/neuron')) return 'aws.amazon.com/neuron';
  return resource;
}

function tolerates(workload: Workload, keys: readonly string[]): boolean {
  return (workload.podSpec.get('tolerations')?.items() ?? []).some(({ value }) =>
    isMapping(value) && ((value.key === undefined && value.operator === 'Exists') || (typeof value.key === 'string' && keys.includes(value.key))));
}

export default defineRule({
  meta: {
    id: 'gpu-toleration-missing',
    title: 'Accelerator request without a toleration for the accelerator nodes\' taint',
    severity: 'info',
    category: 'gpu',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['AI-B09'],
    rationale: 'Accelerator node pools are usually tainted so that other pods stay off them (`nvidia.com/gpu:NoSchedule` in NVIDIA\'s and Karpenter/EKS examples, `aws.amazon.com/neuron` on Neuron pools, `sku=gpu` in AKS\'s guide). GKE adds the matching toleration to pods that request GPUs or TPUs itself (the ExtendedResourceToleration admission plugin), but AKS does not (Azure/AKS#1449) and EKS leaves it to the manifests: there, a GPU pod without the toleration stays Pending on a cluster whose GPU nodes are all tainted. Whether the nodes are tainted is a property of the cluster, so this rule is opt-in.',
    remediation: 'Add a toleration for the taint of your accelerator nodes: `tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]`. Set `platform` (`gke` turns the rule off, `aks` also accepts `sku`) or list the taint keys of your cluster in `expectedTaints`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  tolerations:\n    - key: nvidia.com/gpu\n      operator: Exists\n      effect: NoSchedule\n  containers:\n    - name: train\n      image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\n      resources:\n        limits:\n          nvidia.com/gpu: 1\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#extendedresourcetoleration', 'https://github.com/Azure/AKS/issues/1449', 'https://learn.microsoft.com/en-us/azure/aks/use-nvidia-gpu', 'https://github.com/NVIDIA/k8s-device-plugin#running-gpu-jobs'],
    options: {
      schema: {
        type: 'object',
        properties: {
          ...PLATFORM_OPTION_SCHEMA,
          expectedTaints: { type: 'array', items: { type: 'string' }, description: 'Taint keys of this cluster\'s accelerator nodes; a toleration for any of them satisfies the rule (default: the requested resource\'s own name, plus `sku` on AKS).' },
          ...ACCELERATOR_OPTION_SCHEMA,
        },
        additionalProperties: false,
      },
      defaults: { platform: 'generic' },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const platform = platformOf(ctx.options);
      if (platform === 'gke' || workload.object.partial) return;
      const resources = [...new Set(workload.containers.flatMap((container) => requestedAccelerators(container, acceleratorMatcher(ctx.options))))];
      const first = resources[0];
      if (first === undefined) return;
      const configured = Array.isArray(ctx.options.expectedTaints) ? ctx.options.expectedTaints.filter((key): key is string => typeof key === 'string') : undefined;
      const keys = configured ?? [...resources.map(taintKeyFor), ...(platform === 'aks' ? ['sku'] : [])];
      if (tolerates(workload, keys)) return;
      ctx.reportMissing(workload.podSpec, ['tolerations'], `${workload.object.kind} "${workload.object.name ?? ''}" requests ${resources.join(', ')} but tolerates none of the accelerator taints ${keys.join(', ')}; add a toleration if your accelerator nodes are tainted`);
    },
  },
});
