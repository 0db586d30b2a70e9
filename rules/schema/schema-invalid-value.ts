import { defineRule } from '../../src/engine/rule.js';
import { reportComposeSchemaIssues, reportSchemaIssues } from '../../src/schema/report.js';

export default defineRule({
  meta: {
    id: 'schema-invalid-value',
    title: 'Field value breaks a constraint of the schema',
    severity: 'error',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['invalid-value'],
    rationale:
      'Beyond types, the schemas constrain values: quantities must parse (`512Mi`, not `512mb` or `1GB`), 32-bit integer fields must fit in 32 bits, `data` of a Secret must be base64, and custom resources carry the patterns, bounds and lengths of their CustomResourceDefinition. The API server rejects values that break them.',
    remediation:
      'Write the value in the form the message names: quantities with binary (`Ki`, `Mi`, `Gi`) or decimal (`k`, `M`, `G`, `m`) suffixes, base64 in Secret `data` (or plain text in `stringData`).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          memory: 512mb\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          memory: 512Mi\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/'],
  },
  handlers: {
    'k8s:object': (object, ctx) => reportSchemaIssues(object, ctx, 'invalid-value'),
    'compose:file': (model, ctx) => reportComposeSchemaIssues(model, ctx, 'invalid-value'),
  },
});
