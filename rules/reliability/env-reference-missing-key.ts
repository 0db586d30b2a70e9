import { dirname } from 'node:path';
import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type K8sObject, type KNode, type Workload } from '../../src/model/k8s.js';
import { sameNamespace } from '../_lib/workload.js';

type SourceKind = 'Secret' | 'ConfigMap';

interface KeyReference {
  kind: SourceKind;
  name: string;
  key: string;
  /** The `key` node the finding points at. */
  at: KNode;
  /** Who uses it, for the message. */
  user: string;
}

export default defineRule({
  meta: {
    id: 'env-reference-missing-key',
    title: 'Reference to a key that the Secret or ConfigMap does not have',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A `secretKeyRef` or `configMapKeyRef` to a key the object does not hold, or a Secret or ConfigMap volume whose `items` names such a key, keeps the pod from starting (`CreateContainerConfigError`, or a volume that never mounts) unless the reference is `optional: true`. The apply succeeds and the rollout hangs.',
    remediation:
      'Fix the key name, or add the key to the Secret or ConfigMap. Judged only when the referenced object is among the linted files in the same folder (or the same `helm template` stream) and namespace; objects that hold no data at all (filled in by a controller such as external-secrets or sealed-secrets) and service-account-token Secrets are not judged, nor are optional references.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  log_level: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: app\n              key: loglevel\n',
        good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  log_level: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: app\n              key: log_level\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/',
      'https://kubernetes.io/docs/concepts/configuration/secret/',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const sources = objects.filter((o) => (o.kind === 'Secret' || o.kind === 'ConfigMap') && o.apiVersion === 'v1' && !o.partial);
      if (sources.length === 0) return;
      for (const workload of workloads) {
        const dir = dirname(workload.object.file.source.path);
        for (const ref of keyReferences(workload)) {
          const candidates = sources.filter(
            (s) =>
              s.kind === ref.kind &&
              s.name === ref.name &&
              sameNamespace(s.namespace, workload.object.namespace) &&
              dirname(s.file.source.path) === dir,
          );
          const judged = candidates.map(keysOf);
          if (judged.length === 0 || judged.some((keys) => keys === undefined || keys.has(ref.key))) continue;
          ctx.report({
            at: ref.at,
            message: `${ref.user} uses key "${ref.key}" of ${ref.kind} "${ref.name}", which has no such key (it has ${[...(judged[0] ?? [])].map((k) => `"${k}"`).join(', ')}); fix the key or mark the reference optional`,
          });
        }
      }
    },
  },
});

/** The keys of a Secret or ConfigMap, or undefined when it holds no data (filled in by a controller). */
function keysOf(object: K8sObject): Set<string> | undefined {
  const value = object.node.value;
  if (object.kind === 'Secret' && typeof value.type === 'string' && value.type === 'kubernetes.io/service-account-token') return undefined;
  const fields = object.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  const keys = fields.flatMap((f) => (isMapping(value[f]) ? Object.keys(value[f] as object) : []));
  return keys.length === 0 ? undefined : new Set(keys);
}

function keyReferences(workload: Workload): KeyReference[] {
  const refs: KeyReference[] = [];
  const add = (kind: SourceKind, ref: KNode | undefined, user: string): void => {
    if (!ref || !isMapping(ref.value) || ref.value.optional === true) return;
    const keyNode = ref.get('key');
    const { name } = ref.value;
    if (typeof name !== 'string' || !keyNode || typeof keyNode.value !== 'string') return;
    refs.push({ kind, name, key: keyNode.value, at: keyNode, user });
  };
  for (const container of workload.containers) {
    for (const item of container.node.get('env')?.items() ?? []) {
      const envName = isMapping(item.value) && typeof item.value.name === 'string' ? item.value.name : '?';
      const user = `container "${container.name}" (env ${envName})`;
      add('Secret', item.at('valueFrom', 'secretKeyRef'), user);
      add('ConfigMap', item.at('valueFrom', 'configMapKeyRef'), user);
    }
  }
  for (const volume of workload.podSpec.get('volumes')?.items() ?? []) {
    const volumeName = isMapping(volume.value) && typeof volume.value.name === 'string' ? volume.value.name : '?';
    for (const [field, kind, nameField] of [
      ['secret', 'Secret', 'secretName'],
      ['configMap', 'ConfigMap', 'name'],
    ] as const) {
      const source = volume.get(field);
      if (!source || !isMapping(source.value) || source.value.optional === true) continue;
      const name = source.value[nameField];
      if (typeof name !== 'string') continue;
      for (const item of source.get('items')?.items() ?? []) {
        const keyNode = item.get('key');
        if (keyNode && typeof keyNode.value === 'string')
          refs.push({ kind, name, key: keyNode.value, at: keyNode, user: `volume "${volumeName}"` });
      }
    }
  }
  return refs;
}
