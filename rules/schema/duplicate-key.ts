import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'duplicate-key',
    title: 'Key appears twice in the same mapping',
    severity: 'error',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['key-duplicates', 'duplicated-key'],
    rationale:
      'YAML forbids a key twice in one mapping. Parsers disagree on what happens: many keep the last value silently (so the first `env:` or `resources:` block is lost without a word), while kubectl rejects the file ("mapping key already defined"). Either way, the manifest does not say what its author meant.',
    remediation: 'Merge the two entries into one, or delete the stale one.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  mode: prod\n  mode: dev\n',
        good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  mode: prod\n',
      },
    ],
    references: [
      'https://yaml.org/spec/1.2.2/#3221-mapping',
      'https://yamllint.readthedocs.io/en/stable/rules.html#module-yamllint.rules.key_duplicates',
    ],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      const file = object.file;
      if (!file.hasDuplicateKeys) return;
      const prefix = object.node.path;
      for (const dup of file.duplicateKeys) {
        if (dup.doc !== object.node.doc || !prefix.every((k, i) => dup.path[i] === k)) continue;
        // In a List, the List document holds the items: report each duplicate under its own item only.
        if (prefix.length === 0 && dup.path[0] === 'items' && Array.isArray(object.node.value.items)) continue;
        ctx.report({
          at: dup,
          message: `key "${dup.key}" is repeated in this mapping (first on line ${dup.firstLine}); parsers that accept it keep only the last value`,
        });
      }
    },
    // Compose (compose-go) rejects a repeated key: "mapping key \"image\" already defined".
    'compose:file': (model, ctx) => {
      if (!model.file.hasDuplicateKeys) return;
      for (const dup of model.file.duplicateKeys) {
        if (dup.doc !== 0) continue;
        ctx.report({
          at: dup,
          message: `key "${dup.key}" is repeated in this mapping (first on line ${dup.firstLine}); docker compose rejects the file`,
        });
      }
    },
  },
});
