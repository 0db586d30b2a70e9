import { defineRule } from '../../src/engine/rule.js';
import { reportComposeSchemaIssues, reportSchemaIssues } from '../../src/schema/report.js';

export default defineRule({
  meta: {
    id: 'schema-required-field',
    title: 'Required field is missing',
    severity: 'error',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['missing-required-field'],
    rationale:
      "The API marks some fields as required (a container's `name`, a Deployment's `selector` and `template`, a Service port's `port`, an env var's `name`); an object without them is rejected. A misspelt parent (`spce:`) shows up as an unknown field and as the missing required fields it should have held. Kustomize inputs are not checked for missing fields: patches (files named or filed as patches, or using `$patch:`) hold only what they change, and files next to a `kustomization.yaml` often leave fields to kustomize (`labels` with `includeSelectors` fills in Deployment selectors, the namespace transformer fills webhook service namespaces). Lint the output of `kustomize build` (`--kustomize DIR`) to check the complete objects.",
    remediation: 'Add the field (the message names it and the mapping that lacks it).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      },
    ],
    fixable: 'safe',
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      // Kustomize patches and inputs leave fields to kustomize (see the rationale).
      if (object.partial || ctx.schemas.isKustomizeInput(object.file.source.displayPath)) return;
      reportSchemaIssues(object, ctx, 'required-field');
    },
    'compose:file': (model, ctx) => reportComposeSchemaIssues(model, ctx, 'required-field'),
  },
});
