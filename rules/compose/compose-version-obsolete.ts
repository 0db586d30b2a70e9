import { yamlRemoveEntry } from '../../src/model/edits.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'compose-version-obsolete',
    title: 'Compose file sets the obsolete top-level `version`',
    severity: 'info',
    category: 'compose',
    status: 'stable',
    since: '0.1.0',
    aliases: ['no-version-field'],
    rationale:
      'The Compose Specification made `version:` informative only: Compose v2 ignores it and prints "the attribute `version` is obsolete, it will be ignored". Readers still take `version: "3.8"` to mean a file format with 3.x limits (no `deploy.resources.reservations.devices` outside Swarm, no `depends_on` conditions), which is no longer true.',
    remediation: 'Delete the `version:` line; Compose validates the file against the current Compose Specification whatever it says.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
        good: 'services:\n  web:\n    image: nginx:1.27\n',
      },
    ],
    fixable: 'safe',
    references: ['https://docs.docker.com/reference/compose-file/version-and-name/'],
  },
  handlers: {
    'compose:file': (model, ctx) => {
      if (!model.version) return;
      const edit = yamlRemoveEntry(model.version);
      ctx.report({
        at: model.version,
        message: 'the top-level `version` is obsolete: Compose ignores it; remove it',
        ...(edit && { fix: { safety: 'safe', description: 'remove the top-level version', edits: [edit] } }),
      });
    },
  },
});
