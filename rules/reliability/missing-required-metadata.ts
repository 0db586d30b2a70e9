import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'missing-required-metadata',
    title: 'Object without a required label or annotation',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['required-label-owner', 'required-annotation-email'],
    rationale:
      'Teams route alerts, costs and ownership questions by labels and annotations (`owner`, `team`, `app.kubernetes.io/name`). An object without them is one nobody can be found for when it breaks. Does nothing until `labels` or `annotations` is configured.',
    remediation:
      'Add the labels and annotations your organisation requires under `metadata`. `labels` and `annotations` list required keys; `key=regex` also requires the value to match the regular expression (whole value). `kinds` limits the rule to some kinds (default: every object). Kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  level: info\n',
        good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  labels:\n    owner: shop-team\ndata:\n  level: info\n',
        options: { labels: ['owner'] },
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/'],
    options: {
      schema: {
        type: 'object',
        properties: {
          labels: { type: 'array', items: { type: 'string' }, description: 'Required label keys, or `key=regex` to require a value too.' },
          annotations: { type: 'array', items: { type: 'string' }, description: 'Required annotation keys, or `key=regex`.' },
          kinds: { type: 'array', items: { type: 'string' }, description: 'Kinds to judge; empty: every object.' },
        },
        additionalProperties: false,
      },
      defaults: { labels: [], annotations: [], kinds: [] },
    },
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.partial) return;
      const kinds = (ctx.options.kinds as string[] | undefined) ?? [];
      if (kinds.length > 0 && !kinds.includes(object.kind)) return;
      for (const [field, present] of [
        ['labels', object.labels],
        ['annotations', object.annotations],
      ] as const) {
        for (const requirement of (ctx.options[field] as string[] | undefined) ?? []) {
          const eq = requirement.indexOf('=');
          const key = eq === -1 ? requirement : requirement.slice(0, eq);
          const pattern = eq === -1 ? undefined : new RegExp(`^(?:${requirement.slice(eq + 1)})$`);
          const value = present[key];
          const label = field === 'labels' ? 'label' : 'annotation';
          if (value === undefined) {
            ctx.reportMissing(object.node, ['metadata', field], `${object.kind} "${object.name ?? ''}" has no ${label} "${key}"`);
          } else if (pattern && !pattern.test(value)) {
            ctx.report({
              at: object.node.at('metadata', field, key)!,
              message: `${object.kind} "${object.name ?? ''}" ${label} "${key}" is "${value}", which does not match ${pattern.source}`,
            });
          }
        }
      }
    },
  },
});
