import { defineRule } from '../../src/engine/rule.js';
import { isMapping, stringMap } from '../../src/model/k8s.js';
import { describe, nearMissTemplate, objectIndex, scopeOption, SCOPE_OPTION_SCHEMA } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'service-selects-no-pods',
    title: 'Service whose selector matches no pod template',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['dangling-service', 'service-targets-pod'],
    rationale:
      'A Service routes to the pods its selector matches. A typo in a label, or a label changed on one side only, leaves it with no endpoints: clients get connection refused and nothing else fails.',
    remediation:
      'Make every `spec.selector` label appear with the same value in the pod template labels of the workload it fronts, in the same namespace. Judged against the pod templates of the same folder (a `helm template` or `kustomize build` stream read as one file is one folder; option `scope: run` widens it to every linted file): reported when the matching pod template sits in another namespace, or when a pod template is a near miss (every selector label matches or differs by a typo or an added word such as `vllm` / `vllm-server`, or the template carries some selector labels, one of them naming a workload such as `app` rather than a release or chart, and lacks the rest). Pods of other charts and operators, which the linted files do not hold, are not judged, and an object without `metadata.namespace` matches any namespace (it gets one at apply time). Services without a selector (manual Endpoints) and ExternalName Services are skipped. Any miss is reported when the same file (a `helm template` or `kustomize build` stream read as one file) holds whole pod templates of the namespace and no custom resource, whose operator would make pods with labels of its own.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      if (workloads.length === 0) return;
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      for (const service of index.ofKind('Service')) {
        if (service.object.apiVersion !== 'v1') continue;
        const spec = service.object.node.get('spec');
        if (!spec || !isMapping(spec.value) || spec.value.type === 'ExternalName') continue;
        const selectorNode = spec.get('selector');
        const selector = stringMap(selectorNode?.value);
        if (!selectorNode || Object.keys(selector).length === 0) continue;
        const matching = index.templatesMatching(selector, scope === 'run' ? undefined : service);
        if (matching.some((t) => index.sameNamespace(service, t))) continue;
        const shown = Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        const name = service.object.name ?? '';
        const elsewhere = matching.find((t) => scope === 'run' || t.dir === service.dir);
        if (elsewhere) {
          ctx.report({
            at: selectorNode,
            message: `Service "${name}" in namespace "${service.namespace}" selects ${shown}, which only ${describe(elsewhere)} carries: put them in one namespace`,
          });
          continue;
        }
        const candidates = index.nearMissCandidates(service, selector, scope).filter((t) => index.sameNamespace(service, t));
        const nearMiss = nearMissTemplate(selector, candidates, !index.dirHasCustomResources(service.dir));
        if (!nearMiss) {
          const meant = index.podsItCouldMean(service, scope);
          if (meant.length > 0)
            ctx.report({
              at: selectorNode,
              message: `Service "${name}" selects ${shown}, which no pod template carries, though its ${scope === 'file' ? 'file' : scope === 'folder' ? 'folder' : 'run'} defines ${meant
                .slice(0, 3)
                .map((t) => `${t.object.kind} "${t.object.name ?? ''}"`)
                .join(', ')}${meant.length > 3 ? ', …' : ''}: make the selector match the pod labels`,
            });
          continue;
        }
        const theirs = Object.keys(selector)
          .filter((k) => k in nearMiss.labels)
          .map((k) => `${k}=${nearMiss.labels[k] ?? ''}`)
          .join(',');
        ctx.report({
          at: selectorNode,
          message: `Service "${name}" selects ${shown}, which no pod template carries; did you mean ${describe(nearMiss)}, labelled ${theirs}? Make the selector and the pod template labels agree`,
        });
      }
    },
  },
});
