import { defineRule } from '../../src/engine/rule.js';
import { LABEL_SCHEMA_OPTION, imageStages, schemaOf, stageLabels } from '../_lib/labels.js';

export default defineRule({
  meta: {
    id: 'label-schema-missing',
    title: 'Image lacks a label the label schema requires',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3049'],
    rationale: 'Teams that publish images often require labels (owner, source, version, license) so images can be traced back to their code and owners. This rule checks them against the configured schema; without a schema it does nothing.',
    remediation: 'Add the missing label to the image\'s final stage (`LABEL org.opencontainers.image.source="https://…"`). Configure the schema with the `labelSchema` option or the top-level `label-schema:` key of .k8slint.yaml (hadolint\'s format: `label-schema: {owner: text, version: semver}`). Labels inherited from a stage this one is built FROM count. Differences from hadolint: an ONBUILD LABEL does not count (it labels the images built FROM this one, not this image), and a stage that is only the base of another stage is not judged on its own; hadolint counts ONBUILD labels and judges every stage.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\n', good: 'FROM debian:12\nLABEL owner="platform-team"\n', options: { labelSchema: { owner: 'text' } } }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3049'],
    options: { schema: { type: 'object', properties: { labelSchema: LABEL_SCHEMA_OPTION }, additionalProperties: false }, defaults: { labelSchema: {} } },
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const schema = schemaOf(ctx.options);
      for (const stage of imageStages(model)) {
        const labels = stageLabels(stage);
        for (const key of Object.keys(schema)) {
          if (!labels.has(key)) ctx.report({ at: stage.from.keywordNode, message: `the image built by this stage has no label "${key}" (required by the label schema)` });
        }
      }
    },
  },
});
