import { defineRule } from '../../src/engine/rule.js';
import { reportComposeSchemaIssues, reportSchemaIssues } from '../../src/schema/report.js';

export default defineRule({
  meta: {
    id: 'schema-type',
    title: 'Field value has the wrong type',
    severity: 'error',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['invalid-type'],
    rationale:
      'The API server decodes manifests into typed Go structs: a number where a string is expected (an unquoted env value `8080`, a label `true`), a string where an integer is expected (`replicas: "3"`) or a mapping where a list is expected fails the whole object. Quantities (`cpu: 1`, `memory: 512Mi`) and int-or-string fields (`targetPort: 8080` or `http`) accept both forms.',
    remediation:
      'Quote strings that YAML would read as numbers or booleans (`value: "8080"`, `enabled: "true"`), write integers without quotes, and use lists (`- item`) where the API expects a list.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          env:\n            - name: PORT\n              value: 8080\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          env:\n            - name: PORT\n              value: "8080"\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/', 'https://github.com/yannh/kubeconform'],
  },
  handlers: {
    'k8s:object': (object, ctx) => reportSchemaIssues(object, ctx, 'type'),
    'compose:file': (model, ctx) => reportComposeSchemaIssues(model, ctx, 'type'),
  },
});
