import { defineRule } from '../../src/engine/rule.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA, type IndexedObject } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'duplicate-object',
    title: 'Two objects with the same kind, namespace and name',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      "Objects are identified by kind, namespace and name. When a stream (a `helm template` or `kustomize build` output, a multi-document file) holds two, `kubectl apply` applies both in turn and the later silently replaces the earlier: the first one's settings never reach the cluster. Usually a copy-paste that kept the name, or two subcharts rendering the same object.",
    remediation:
      "Rename one of them, or remove the copy. Kustomize patches are not objects and are not compared. Compared within one file by default (option `scope: folder` or `run` widens it; kustomize overlays that redefine a base's objects in another folder are not duplicates).",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: safe\n',
        good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: staging\ndata:\n  mode: safe\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/names/'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      const seen = new Map<string, IndexedObject>();
      for (const entry of index.objects) {
        const { object } = entry;
        if (object.partial || object.name === undefined || object.node.at('metadata', 'generateName') !== undefined) continue;
        const where = scope === 'run' ? '' : scope === 'folder' ? entry.dir : entry.path;
        const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
        const key = [where, group, object.kind, entry.clusterScoped ? '' : entry.namespace, object.name].join('\u0000');
        const first = seen.get(key);
        if (!first) {
          seen.set(key, entry);
          continue;
        }
        const at = object.node.at('metadata', 'name') ?? object.node;
        const firstAt = first.object.node.at('metadata', 'name') ?? first.object.node;
        const place =
          first.path === entry.path ? `line ${firstAt.span.line}` : `${first.object.file.source.displayPath}:${firstAt.span.line}`;
        ctx.report({
          at,
          message: `${object.kind} "${object.name}"${entry.clusterScoped ? '' : ` in namespace "${entry.namespace}"`} is defined twice (first at ${place}): applied together, this one silently replaces it; rename or remove one`,
        });
      }
    },
  },
});
