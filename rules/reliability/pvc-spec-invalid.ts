import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { parseQuantity } from '../_lib/quantity.js';
import { isBuiltInObject, isTemplatedText } from '../_lib/workload.js';

/** The claim specs of an object: a PersistentVolumeClaim's own, or a StatefulSet's volumeClaimTemplates. */
function claimSpecs(kind: string, node: KNode): { spec: KNode; label: string }[] {
  if (kind === 'PersistentVolumeClaim') {
    const spec = node.get('spec');
    return spec ? [{ spec, label: '' }] : [];
  }
  if (kind !== 'StatefulSet') return [];
  return (node.at('spec', 'volumeClaimTemplates')?.items() ?? []).flatMap((template) => {
    const spec = template.get('spec');
    const name = template.at('metadata', 'name')?.value;
    return spec ? [{ spec, label: ` volumeClaimTemplate "${typeof name === 'string' ? name : ''}"` }] : [];
  });
}

export default defineRule({
  meta: {
    id: 'pvc-spec-invalid',
    title: 'PersistentVolumeClaim without a valid storage request',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'Every PersistentVolumeClaim, and every `volumeClaimTemplates` entry of a StatefulSet, must request a size in `spec.resources.requests.storage`, and the size must be a Kubernetes quantity (`10Gi`, `500M`). The API server rejects a claim without it, or with a size such as `10GB` or `10 Gi`, so the apply fails; for a StatefulSet no pod is ever created.',
    remediation:
      'Set `spec.resources.requests.storage` to a quantity with a binary (`Ki`, `Mi`, `Gi`, `Ti`) or decimal (`k`, `M`, `G`, `T`) suffix. Even a claim bound to an existing PersistentVolume (`volumeName`) needs it: the volume must be at least that large. Kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10GB\n',
        good: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#resources',
      'https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/',
    ],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (!isBuiltInObject(object) || object.partial) return;
      for (const { spec, label } of claimSpecs(object.kind, object.node)) {
        const what = `${object.kind} "${object.name ?? ''}"${label}`;
        const storage = spec.at('resources', 'requests', 'storage');
        if (!storage) {
          ctx.reportMissing(spec, ['resources', 'requests', 'storage'], `${what} requests no storage size; the API server rejects it`);
          continue;
        }
        const value = storage.value;
        if (typeof value === 'string' && isTemplatedText(value)) continue;
        const bytes = parseQuantity(value);
        if (bytes === undefined) {
          ctx.report({
            at: storage,
            message: `${what} requests storage ${JSON.stringify(value)}, which is not a quantity (write e.g. 10Gi or 10G); the API server rejects it`,
          });
        } else if (bytes <= 0) {
          ctx.report({ at: storage, message: `${what} requests storage ${String(value)}; the size must be greater than zero` });
        }
      }
    },
  },
});
