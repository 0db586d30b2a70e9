import { defineRule } from '../../src/engine/rule.js';
import type { K8sObject, KNode, Workload } from '../../src/model/k8s.js';
import { modelServerOf } from '../_lib/ml-workloads.js';
import { objectIndex, type ObjectIndex } from '../_lib/object-index.js';

const SINGLE_NODE_MODES = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

function literal(node: KNode | undefined, fallback: number): number | undefined {
  const value = node?.value;
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' ? value : undefined;
}

/** The largest maxReplicas of the HPAs of the run that scale `object`. */
function hpaMax(index: ObjectIndex, object: K8sObject): number | undefined {
  let max: number | undefined;
  for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
    const ref = hpa.object.node.at('spec', 'scaleTargetRef');
    if (ref?.get('kind')?.value !== object.kind || ref.get('name')?.value !== object.name) continue;
    if (!index.resolve(hpa, object.kind, String(object.name)).some((t) => t.object === object)) continue;
    const value = hpa.object.node.at('spec', 'maxReplicas')?.value;
    if (typeof value === 'number') max = Math.max(max ?? 0, value);
  }
  return max;
}

/**
 * How the workload comes to run several pods on one claim, or undefined when it does not (or when
 * `pvc-rwo-multi-replica` already judges it: a Deployment's literal replicas).
 */
function multiplePods(index: ObjectIndex, workload: Workload): string | undefined {
  const object = workload.object;
  if (object.kind === 'LeaderWorkerSet' && object.apiVersion.startsWith('leaderworkerset.x-k8s.io/')) {
    const size = literal(object.node.at('spec', 'leaderWorkerTemplate', 'size'), 1);
    const replicas = literal(object.node.at('spec', 'replicas'), 1);
    if (size !== undefined && replicas !== undefined && size * replicas > 1)
      return `LeaderWorkerSet "${object.name ?? ''}" runs ${size * replicas} pods (${replicas} group${replicas > 1 ? 's' : ''} of ${size})`;
    return undefined;
  }
  if (!['Deployment', 'StatefulSet', 'ReplicaSet'].includes(object.kind) || !object.apiVersion.startsWith('apps/')) return undefined;
  const replicas = literal(object.node.at('spec', 'replicas'), 1);
  if (object.kind !== 'Deployment' && replicas !== undefined && replicas > 1)
    return `${object.kind} "${object.name ?? ''}" runs ${replicas} replicas`;
  if (replicas !== undefined && replicas > 1) return undefined;
  const max = hpaMax(index, object);
  if (max !== undefined && max > 1)
    return `${object.kind} "${object.name ?? ''}" is scaled by a HorizontalPodAutoscaler up to ${max} replicas`;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'ml-model-volume-access-mode',
    title: 'Model server replicas share a ReadWriteOnce model volume',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.2.0',
    aliases: ['AI-F29'],
    rationale:
      "A `ReadWriteOnce` PersistentVolume attaches to one node at a time (`ReadWriteOncePod`: one pod). Model servers that load weights from a shared claim work with one replica and break when they scale: the replica the autoscaler adds on another GPU node — or the second pod of a LeaderWorkerSet group, which always lands on another node — stays in ContainerCreating with a Multi-Attach error while its GPUs are reserved. Storage guides for model serving (KServe's PVC storage, Hugging Face's ReadOnlyMany examples) put shared weights on ReadOnlyMany or ReadWriteMany volumes.",
    remediation:
      "Put the weights on a `ReadOnlyMany` (or `ReadWriteMany`) volume — NFS, a CSI driver for object storage, a PV cloned read-only — and mount it `readOnly: true`; or give each replica its own copy (a StatefulSet `volumeClaimTemplates`, an init container that downloads into an emptyDir). Judged for containers of model servers (vLLM, TGI, SGLang, Triton, TensorRT-LLM, Ollama, LMDeploy) mounting a claim of the linted files, in LeaderWorkerSets of more than one pod, StatefulSets or ReplicaSets with several replicas, and workloads an HPA scales above one replica; a Deployment with several literal replicas is `pvc-rwo-multi-replica`'s.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: llama-weights\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests: {storage: 100Gi}\n---\napiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata:\n  name: llama\nspec:\n  leaderWorkerTemplate:\n    size: 2\n    workerTemplate:\n      spec:\n        containers:\n          - name: vllm\n            image: vllm/vllm-openai:v0.6.3\n            volumeMounts:\n              - {name: weights, mountPath: /models}\n        volumes:\n          - name: weights\n            persistentVolumeClaim:\n              claimName: llama-weights\n',
        good: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: llama-weights\nspec:\n  accessModes: [ReadOnlyMany]\n  resources:\n    requests: {storage: 100Gi}\n---\napiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata:\n  name: llama\nspec:\n  leaderWorkerTemplate:\n    size: 2\n    workerTemplate:\n      spec:\n        containers:\n          - name: vllm\n            image: vllm/vllm-openai:v0.6.3\n            volumeMounts:\n              - {name: weights, mountPath: /models, readOnly: true}\n        volumes:\n          - name: weights\n            persistentVolumeClaim:\n              claimName: llama-weights\n              readOnly: true\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes',
      'https://kserve.github.io/website/latest/modelserving/storage/pvc/pvc/',
      'https://lws.sigs.k8s.io/docs/overview/',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads);
      for (const template of index.templates) {
        if (template.object.partial) continue;
        const servers = template.workload.containers.filter((c) => c.type === 'regular' && modelServerOf(c) !== undefined);
        if (servers.length === 0) continue;
        const mounted = new Set(servers.flatMap((c) => (c.node.get('volumeMounts')?.items() ?? []).map((m) => m.get('name')?.value)));
        let how: string | undefined | null = null;
        for (const volume of template.workload.podSpec.get('volumes')?.items() ?? []) {
          const claimName = volume.at('persistentVolumeClaim', 'claimName');
          if (typeof claimName?.value !== 'string' || !mounted.has(volume.get('name')?.value)) continue;
          const claim = index.resolve(template, 'PersistentVolumeClaim', claimName.value)[0];
          const modes = claim?.object.node.at('spec', 'accessModes')?.value;
          if (!Array.isArray(modes) || modes.length === 0 || !modes.every((m) => typeof m === 'string' && SINGLE_NODE_MODES.has(m)))
            continue;
          if (how === null) how = multiplePods(index, template.workload);
          if (!how) break;
          ctx.report({
            at: claimName,
            message: `${how}, but its model server mounts PersistentVolumeClaim "${claimName.value}" (${modes.join(', ')}): pods on other nodes cannot attach it; use a ReadOnlyMany or ReadWriteMany volume mounted readOnly`,
          });
        }
      }
    },
  },
});
