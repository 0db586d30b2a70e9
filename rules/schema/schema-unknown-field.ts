import { defineRule } from '../../src/engine/rule.js';
import { reportComposeSchemaIssues, reportSchemaIssues } from '../../src/schema/report.js';

export default defineRule({
  meta: {
    id: 'schema-unknown-field',
    title: 'Field is not in the schema of its kind',
    severity: 'error',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['additional-properties', 'unknown-field'],
    rationale:
      'A misspelt or misplaced field (`resource:` for `resources:`, `livenessProbe` one level too deep) is not an error YAML can see: the API server rejects it with strict field validation (what kubectl asks for by default) or, with validation off, silently drops it, so the limit, probe or security setting never applies. Custom resources are checked against the `openAPIV3Schema` of their CustomResourceDefinition, which prunes unknown fields unless `x-kubernetes-preserve-unknown-fields` is set.',
    remediation:
      'Fix the spelling or the indentation (the message names the closest known field). Check `kubectl explain <kind>.<path>` for the fields of the target version. For fields of a newer Kubernetes release, set `--kubernetes-version`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resource:\n        limits:\n          memory: 512Mi\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          memory: 512Mi\n',
      },
    ],
    fixable: 'unsafe',
    references: [
      'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
      'https://github.com/yannh/kubeconform#strict-mode',
    ],
  },
  handlers: {
    'k8s:object': (object, ctx) => reportSchemaIssues(object, ctx, 'unknown-field'),
    'compose:file': (model, ctx) => reportComposeSchemaIssues(model, ctx, 'unknown-field'),
  },
});
