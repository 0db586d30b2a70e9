import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'no-kubernetes-objects',
    title: 'File named on the command line holds no Kubernetes object',
    severity: 'info',
    category: 'meta',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A YAML or JSON file was named explicitly but none of its documents has both `apiVersion` and `kind`, so no Kubernetes rule looked at it. Directory walks skip such files silently (CI workflows, Helm values, kustomization.yaml).',
    remediation:
      'Check that the right file was named; render Helm charts with `helm template` and Kustomize overlays with `kustomize build` and pipe the output to `k8slint -`.',
    examples: [],
    references: [],
  },
  handlers: {
    'k8s:file': (model, ctx) => {
      // A tool's config (kustomization.yaml, kind's Cluster) is known for what it is: nothing to say.
      if (model.objects.length > 0 || model.toolConfigs.length > 0 || !model.file.source.explicit) return;
      ctx.report({
        at: model.start,
        message: `${model.file.source.displayPath} holds no Kubernetes object (no document with apiVersion and kind)`,
      });
    },
  },
});
