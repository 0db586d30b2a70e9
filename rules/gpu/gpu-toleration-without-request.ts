import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type Workload } from '../../src/model/k8s.js';
import {
  ACCELERATOR_OPTION_SCHEMA, ACCELERATOR_TAINT_KEYS, ACCELERATOR_TAINT_VALUES, PLATFORM_OPTION_SCHEMA,
  acceleratorMatcher, envValue, platformOf, workloadRequestsAccelerator,
} from '../_lib/accelerators.js';

const SYSTEM_PRIORITIES = ['system-cluster-critical', 'system-node-critical'];
const NATIVE_RESOURCES = ['cpu', 'memory', 'ephemeral-storage', 'storage'];

/** Cluster add-ons (the DRA driver's controller, operators) tolerate every node's taints on purpose. */
function isSystemComponent(workload: Workload): boolean {
  return SYSTEM_PRIORITIES.includes(String(workload.podSpec.value.priorityClassName));
}

/** A resource name that a tool fills in before applying (`FILLED_BY_VALIDATOR`): what it requests is unknown. */
function hasPlaceholderResource(workload: Workload): boolean {
  return workload.containers.some((container) => ['limits', 'requests'].some((section) =>
    (container.node.at('resources', section)?.entries() ?? []).some(([name]) => !name.includes('/') && !NATIVE_RESOURCES.includes(name) && !name.startsWith('hugepages-'))));
}

/** Devices injected through CDI annotations or NVIDIA_VISIBLE_DEVICES (the GPU operator's validators): a GPU workload without a request. */
function getsGpusOtherwise(workload: Workload): boolean {
  const annotations = workload.object.kind === 'Pod' ? workload.object.annotations : workload.templateAnnotations;
  if (Object.keys(annotations).some((key) => key.includes('cdi.k8s.io/'))) return true;
  return workload.containers.some((container) => {
    const devices = envValue(container, 'NVIDIA_VISIBLE_DEVICES')?.value.trim().toLowerCase();
    return devices !== undefined && !['', 'void', 'none'].includes(devices);
  });
}

export default defineRule({
  meta: {
    id: 'gpu-toleration-without-request',
    title: 'Pod tolerates an accelerator taint but requests no accelerator',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-B10'],
    rationale: 'Accelerator nodes are tainted (`nvidia.com/gpu`, `google.com/tpu`, `aws.amazon.com/neuron`, AKS\'s `sku=gpu`…) precisely so that pods which need no accelerator stay off them: EKS\'s and GKE\'s guides taint GPU node groups for this. A pod that tolerates the taint without requesting an accelerator can land on a GPU node, take the CPU and memory the GPU jobs need, and keep an expensive node from scaling down.',
    remediation: 'Remove the accelerator toleration from pods that need no accelerator, or request the accelerator. DaemonSets (node agents belong on every node), system components (`priorityClassName: system-cluster-critical` or `system-node-critical`), pods whose resource names are placeholders filled in later, pods given GPUs through CDI annotations or `NVIDIA_VISIBLE_DEVICES` (`gpu-visible-devices-env` judges that), and pods that get devices through Dynamic Resource Allocation claims are not judged. `platform` selects the taint keys (gke, eks, aks or generic); `extraResources` adds renamed accelerator resources.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  tolerations:\n    - key: nvidia.com/gpu\n      operator: Exists\n      effect: NoSchedule\n  containers:\n    - name: web\n      image: app:1.0\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: app:1.0\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#example-use-cases', 'https://docs.aws.amazon.com/eks/latest/userguide/node-taints-managed-node-groups.html', 'https://learn.microsoft.com/en-us/azure/aks/use-nvidia-gpu'],
    options: {
      schema: { type: 'object', properties: { ...PLATFORM_OPTION_SCHEMA, ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { platform: 'generic' },
    },
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      if (workload.object.kind === 'DaemonSet') return;
      if (workload.podSpec.get('resourceClaims')?.items().length) return;
      if (isSystemComponent(workload) || hasPlaceholderResource(workload) || getsGpusOtherwise(workload)) return;
      const keys = ACCELERATOR_TAINT_KEYS[platformOf(ctx.options)];
      const tolerated = workload.podSpec.get('tolerations')?.items().filter((item) => {
        if (!isMapping(item.value) || typeof item.value.key !== 'string' || !keys.includes(item.value.key)) return false;
        const values = ACCELERATOR_TAINT_VALUES[item.value.key];
        return !values || item.value.operator === 'Exists' || values.includes(String(item.value.value));
      }) ?? [];
      const first = tolerated[0];
      if (!first || !isMapping(first.value)) return;
      if (workloadRequestsAccelerator(workload, acceleratorMatcher(ctx.options))) return;
      ctx.report({ at: first.get('key') ?? first, message: `${workload.object.kind} "${workload.object.name ?? ''}" tolerates the accelerator taint ${String(first.value.key)} but no container requests an accelerator, so it can occupy GPU nodes; drop the toleration or request the accelerator` });
    },
  },
});
