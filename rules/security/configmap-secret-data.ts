import { defineRule } from '../../src/engine/rule.js';
import { isPlausibleSecretValue, secretNameWord, secretShapeOf } from '../_lib/env.js';

export default defineRule({
  meta: {
    id: 'configmap-secret-data',
    title: 'Secret stored in a ConfigMap',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['sensitiveConfigmapContent', 'KSV109', 'KSV01010'],
    rationale:
      'ConfigMaps are meant for non-confidential data: RBAC roles commonly grant read access to them (`view` includes ConfigMaps but not Secrets), they are printed in logs and diffs, and they are never encrypted at rest. A password or key in one is readable by far more people and tools than a Secret would be.',
    remediation:
      'Move the value to a Secret and mount or reference it from there. Reported: a `data` key whose name ends in a secret word (password, secret, token, api key, credentials…, as for env-literal-secret) with a literal value that is not a placeholder, template, path or URL, and any value (also a whole embedded file) containing a private-key block or a vendor token (`AKIA…`, `ghp_…`, `hf_…`, `sk-…`…).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  db_host: postgres\n  db_password: hunter2\n',
        good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  db_host: postgres\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  db_password: hunter2\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/configuration/configmap/',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'ConfigMap' || object.apiVersion !== 'v1') return;
      for (const [key, node] of object.node.get('data')?.entries() ?? []) {
        if (typeof node.value !== 'string') continue;
        const shape = secretShapeOf(node.value);
        if (shape) {
          ctx.report({
            at: node,
            message: `ConfigMap "${object.name ?? ''}" key "${key}" holds what looks like ${shape}; move it to a Secret`,
          });
          continue;
        }
        const word = secretNameWord(key);
        if (word && !node.value.includes('\n') && isPlausibleSecretValue(node.value, key)) {
          ctx.report({
            at: node,
            message: `ConfigMap "${object.name ?? ''}" key "${key}" holds a literal value, and the key says it is a secret ("${word}"); move it to a Secret`,
          });
        }
      }
    },
  },
});
