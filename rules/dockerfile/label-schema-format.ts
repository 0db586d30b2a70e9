import { defineRule } from '../../src/engine/rule.js';
import { LABEL_SCHEMA_OPTION, formatProblem, labelsOf, schemaOf } from '../_lib/labels.js';

export default defineRule({
  meta: {
    id: 'label-schema-format',
    title: 'Label value does not match its format in the label schema',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
    rationale: 'Tools read labels such as the source URL, the build date or the license mechanically; a value in the wrong format breaks them quietly. The schema gives each label a format: url, rfc3339, spdx, hash (git commit), semver, email or text. Without a schema the rule does nothing.',
    remediation: 'Write the value in the schema\'s format (`2024-05-01T12:00:00Z`, `1.4.2`, `Apache-2.0`, a full URL). Values from variables are not judged. SPDX expressions are checked for syntax (identifiers, AND/OR/WITH, parentheses). Differences from hadolint: because the SPDX license list is not carried, a syntactically valid but unknown identifier passes.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nLABEL version="one"\n', good: 'FROM debian:12\nLABEL version="1.0.0"\n', options: { labelSchema: { version: 'semver' } } }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3052', 'https://github.com/hadolint/hadolint/wiki/DL3053', 'https://github.com/hadolint/hadolint/wiki/DL3054', 'https://github.com/hadolint/hadolint/wiki/DL3055', 'https://github.com/hadolint/hadolint/wiki/DL3056', 'https://github.com/hadolint/hadolint/wiki/DL3058'],
    options: { schema: { type: 'object', properties: { labelSchema: LABEL_SCHEMA_OPTION }, additionalProperties: false }, defaults: { labelSchema: {} } },
  },
  handlers: {
    'dockerfile:LABEL': (label, ctx) => {
      const schema = schemaOf(ctx.options);
      for (const l of labelsOf(label)) {
        const format = schema[l.key];
        if (!format || l.value === undefined || l.value.trim() === '' || l.value.includes('$')) continue;
        const problem = formatProblem(format, l.value.trim());
        if (problem) ctx.report({ at: l.valueNode, message: `label "${l.key}" value "${l.value}" ${problem} (schema format: ${format})` });
      }
    },
  },
});
