import { defineRule } from '../../src/engine/rule.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { judgeApi } from '../../src/schema/deprecations.js';

export default defineRule({
  meta: {
    id: 'unknown-kind-schema',
    title: 'No schema to validate this kind against',
    severity: 'info',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['missing-schema', 'ignore-missing-schemas'],
    rationale:
      'Objects of a kind without a schema are not validated at all: typos in custom resources go unnoticed. A schema comes from the bundled Kubernetes schemas of the target version, from a CustomResourceDefinition among the linted files or given with `--crd`, or from a `--schema-location` (such as the datreeio/CRDs-catalog layout). Reported once per kind per run, on its first object; `--strict-schemas` (or `strictSchemas: true` in the config) makes it an error, like kubeconform without `-ignore-missing-schemas`. Kinds whose API version was removed are left to `removed-api`.',
    remediation:
      "Lint the CRD together with the custom resources, pass it with `--crd FILE|DIR`, or add a schema location: `--schema-location 'https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'`. For a typo in `kind` or `apiVersion`, fix it.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n',
        good: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names:\n    kind: Widget\n    plural: widgets\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size:\n                  type: integer\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n',
      },
    ],
    references: ['https://github.com/yannh/kubeconform#overriding-schemas-location', 'https://github.com/datreeio/CRDs-catalog'],
  },
  handlers: {
    'k8s:all': (objects, ctx) => {
      const byKind = new Map<string, K8sObject[]>();
      for (const object of objects) {
        const key = `${object.apiVersion} ${object.kind}`;
        const list = byKind.get(key);
        if (list) list.push(object);
        else byKind.set(key, [object]);
      }
      for (const list of byKind.values()) {
        const [first] = list;
        if (!first) continue;
        const lookup = ctx.schemas.lookup(first.apiVersion, first.kind);
        if (lookup.found) continue;
        if (judgeApi(first.apiVersion, first.kind, ctx.kubernetesVersion)?.status === 'removed') continue;
        const count = list.length === 1 ? '1 object' : `${list.length} objects`;
        const version = ctx.schemas.bundledVersion ? ` (bundled schemas: Kubernetes ${ctx.schemas.bundledVersion})` : '';
        const why = lookup.reason ? `: ${lookup.reason}` : `${version}; add its CRD or a --schema-location`;
        ctx.report({
          at: first.node.get('kind')!,
          message: `no schema for ${first.apiVersion} ${first.kind}, so ${count} of this kind ${list.length === 1 ? 'is' : 'are'} not validated${why}`,
        });
      }
    },
  },
});
