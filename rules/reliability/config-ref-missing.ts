import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA, type ObjectIndex, type PodTemplate } from '../_lib/object-index.js';

type RefKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';

interface Reference {
  kind: RefKind;
  name: KNode;
}

/** Made in every namespace by the cluster itself. */
const ALWAYS_PRESENT = new Set(['kube-root-ca.crt', 'openshift-service-ca.crt']);

export default defineRule({
  meta: {
    id: 'config-ref-missing',
    title: 'Pod uses a ConfigMap, Secret or PersistentVolumeClaim that does not exist',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['env-value-from'],
    rationale:
      'A pod whose volume, `envFrom` or `valueFrom` names a missing ConfigMap or Secret stays in `ContainerCreating` (`CreateContainerConfigError`); one whose PersistentVolumeClaim is missing stays `Pending`. Nothing fails at apply time: the rollout just never finishes.',
    remediation:
      "Fix the name, define the object in the pod's namespace, or mark the reference `optional: true` when the pod can run without it. Reported when the same name exists only in another namespace, or when a close name exists in the folder (a typo). With option `reportAbsent: true`, also when the workload's file (a `helm template` or `kustomize build` stream read as one file; option `scope: folder`: its folder, `scope: run`: every linted file) defines other objects of that kind but not this one: off by default, since charts reference ConfigMaps and Secrets that users or tests create (`existingSecret`). Names made by kustomize generators (`configMapGenerator`, `secretGenerator`) and cert-manager Certificates (`secretName`) among the linted files count as defined, as do names a custom resource of the folder may make (SealedSecret `db` makes Secret `db`).",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata: {mode: fast}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom:\n            - configMapRef: {name: web-confg}\n',
        good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata: {mode: fast}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom:\n            - configMapRef: {name: web-config}\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/',
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          scope: SCOPE_OPTION_SCHEMA,
          reportAbsent: {
            type: 'boolean',
            description:
              'Also report names that are simply absent from the scope (not only typos and other namespaces). Off by default: charts reference ConfigMaps and Secrets their users or tests create (`existingSecret`).',
          },
        },
        additionalProperties: false,
      },
      defaults: { scope: 'file', reportAbsent: false },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      const generated = generatedNames(index);
      for (const template of index.templates) {
        const claimTemplates = new Set(
          (template.object.node.at('spec', 'volumeClaimTemplates')?.items() ?? []).map((t) => t.at('metadata', 'name')?.value),
        );
        for (const ref of referencesOf(template)) {
          const name = ref.name.value;
          if (typeof name !== 'string' || name === '' || ALWAYS_PRESENT.has(name) || claimTemplates.has(name)) continue;
          const problem = index.problemWith(
            template,
            scope,
            ref.kind,
            name,
            undefined,
            generated[ref.kind],
            ctx.options.reportAbsent === true,
          );
          if (problem)
            ctx.report({
              at: ref.name,
              message: `${template.object.kind} "${template.object.name ?? ''}" uses ${ref.kind} "${name}", but ${problem}: its pods will not start`,
            });
        }
      }
    },
  },
});

/** References of the pod spec that the pod cannot start without (`optional: true` ones are left out). */
function referencesOf(template: PodTemplate): Reference[] {
  const refs: Reference[] = [];
  const add = (kind: RefKind, holder: KNode | undefined, key: string): void => {
    const name = holder?.get(key);
    if (holder && name && holder.get('optional')?.value !== true) refs.push({ kind, name });
  };
  for (const volume of template.workload.podSpec.get('volumes')?.items() ?? []) {
    add('ConfigMap', volume.get('configMap'), 'name');
    add('Secret', volume.get('secret'), 'secretName');
    add('PersistentVolumeClaim', volume.get('persistentVolumeClaim'), 'claimName');
    for (const source of volume.at('projected', 'sources')?.items() ?? []) {
      add('ConfigMap', source.get('configMap'), 'name');
      add('Secret', source.get('secret'), 'name');
    }
  }
  for (const container of template.workload.containers) {
    for (const from of container.node.get('envFrom')?.items() ?? []) {
      add('ConfigMap', from.get('configMapRef'), 'name');
      add('Secret', from.get('secretRef'), 'name');
    }
    for (const env of container.node.get('env')?.items() ?? []) {
      add('ConfigMap', env.at('valueFrom', 'configMapKeyRef'), 'name');
      add('Secret', env.at('valueFrom', 'secretKeyRef'), 'name');
    }
  }
  return refs;
}

/** Names that kustomize generators and cert-manager Certificates among the linted objects make. */
function generatedNames(index: ObjectIndex): Record<RefKind, string[]> {
  const out: Record<RefKind, string[]> = { ConfigMap: [], Secret: [], PersistentVolumeClaim: [] };
  for (const k of index.ofKind('Kustomization')) {
    for (const g of k.object.node.get('configMapGenerator')?.items() ?? [])
      if (typeof g.get('name')?.value === 'string') out.ConfigMap.push(String(g.get('name')?.value));
    for (const g of k.object.node.get('secretGenerator')?.items() ?? [])
      if (typeof g.get('name')?.value === 'string') out.Secret.push(String(g.get('name')?.value));
  }
  for (const cert of index.ofKind('Certificate')) {
    const secret = cert.object.node.at('spec', 'secretName')?.value;
    if (typeof secret === 'string') out.Secret.push(secret);
  }
  return out;
}
