import { defineRule } from '../../src/engine/rule.js';
import { reportComposeSchemaIssues, reportSchemaIssues } from '../../src/schema/report.js';

export default defineRule({
  meta: {
    id: 'schema-enum',
    title: 'Field value is not one of the values the API allows',
    severity: 'error',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['invalid-enum-value'],
    rationale:
      'Fields such as `imagePullPolicy`, `restartPolicy`, Service `type`, `protocol`, toleration `effect` or strategy `type` take one of a fixed set of case-sensitive values (`NodePort`, not `Nodeport`); anything else is rejected by the API server.',
    remediation: 'Use one of the values the message lists (with the did-you-mean suggestion for near misses).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Nodeport\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
      },
    ],
    fixable: 'unsafe',
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/'],
  },
  handlers: {
    'k8s:object': (object, ctx) => reportSchemaIssues(object, ctx, 'enum'),
    'compose:file': (model, ctx) => reportComposeSchemaIssues(model, ctx, 'enum'),
  },
});
