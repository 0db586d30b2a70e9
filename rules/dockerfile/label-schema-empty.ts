import { defineRule } from '../../src/engine/rule.js';
import { LABEL_SCHEMA_OPTION, labelsOf, schemaOf } from '../_lib/labels.js';

export default defineRule({
  meta: {
    id: 'label-schema-empty',
    title: 'Label of the label schema has an empty value',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3051'],
    rationale:
      'A label the schema requires but set to an empty string satisfies the letter of the schema and none of its purpose. Without a schema the rule does nothing.',
    remediation:
      'Give the label a value, often from a build argument: `ARG VERSION` … `LABEL version="$VERSION"` (values from variables are not judged).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nLABEL owner=""\n',
        good: 'FROM debian:12\nLABEL owner="platform-team"\n',
        options: { labelSchema: { owner: 'text' } },
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3051'],
    options: {
      schema: { type: 'object', properties: { labelSchema: LABEL_SCHEMA_OPTION }, additionalProperties: false },
      defaults: { labelSchema: {} },
    },
  },
  handlers: {
    'dockerfile:LABEL': (label, ctx) => {
      const schema = schemaOf(ctx.options);
      for (const l of labelsOf(label))
        if (Object.hasOwn(schema, l.key) && (l.value ?? '').trim() === '')
          ctx.report({ at: l.keyNode, message: `label "${l.key}" is empty` });
    },
  },
});
