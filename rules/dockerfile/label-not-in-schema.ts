import { defineRule } from '../../src/engine/rule.js';
import { LABEL_SCHEMA_OPTION, labelsOf, schemaOf } from '../_lib/labels.js';

export default defineRule({
  meta: {
    id: 'label-not-in-schema',
    title: 'Label not in the label schema while strict labels are on',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3050'],
    rationale:
      'With strict labels, the label schema lists every label an image may carry, so misspelt or ad-hoc labels are caught. Without `strictLabels` (or a schema) the rule does nothing.',
    remediation:
      'Rename the label to one of the schema, or add it to the schema. Turn it on with the `strictLabels` and `labelSchema` options, or the top-level `strict-labels: true` and `label-schema:` keys of .k8slint.yaml.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nLABEL team="x"\n',
        good: 'FROM debian:12\nLABEL owner="x"\n',
        options: { labelSchema: { owner: 'text' }, strictLabels: true },
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3050'],
    options: {
      schema: {
        type: 'object',
        properties: {
          labelSchema: LABEL_SCHEMA_OPTION,
          strictLabels: { type: 'boolean', description: "Report every label not in the schema (hadolint's `strict-labels`)." },
        },
        additionalProperties: false,
      },
      defaults: { labelSchema: {}, strictLabels: false },
    },
  },
  handlers: {
    'dockerfile:LABEL': (label, ctx) => {
      if (ctx.options.strictLabels !== true) return;
      const schema = schemaOf(ctx.options);
      for (const l of labelsOf(label))
        if (!Object.hasOwn(schema, l.key)) ctx.report({ at: l.keyNode, message: `label "${l.key}" is not in the label schema` });
    },
  },
});
