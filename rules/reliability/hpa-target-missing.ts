import { defineRule } from '../../src/engine/rule.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA } from '../_lib/object-index.js';

export default defineRule({
  meta: {
    id: 'hpa-target-missing',
    title: 'HorizontalPodAutoscaler scales a workload that does not exist',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: ['dangling-horizontalpodautoscaler', 'horizontalpodautoscaler-has-target'],
    rationale:
      'An HPA whose `scaleTargetRef` names no object scales nothing: the workload it was meant for keeps its fixed replica count under load, and the only trace is a `FailedGetScale` event.',
    remediation:
      "Make `scaleTargetRef.kind` and `name` those of the workload, in the HPA's namespace. Reported when the same name exists only in another namespace, when a close name exists (a typo), or when the HPA's file (a `helm template` or `kustomize build` stream read as one file; option `scope: folder`: its folder, `scope: run`: every linted file) defines other objects of that kind but not this one, and no custom resource of the folder is named like its operator-made origin (RayCluster `demo` makes Service `demo-head-svc`); a target that lives in another chart is not judged.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: wbe\n  minReplicas: 2\n  maxReplicas: 10\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 10\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
        if (!hpa.object.apiVersion.startsWith('autoscaling/')) continue;
        const ref = hpa.object.node.at('spec', 'scaleTargetRef');
        const kind = ref?.get('kind')?.value;
        const name = ref?.get('name');
        if (typeof kind !== 'string' || typeof name?.value !== 'string') continue;
        const problem = index.problemWith(hpa, scope, kind, name.value);
        if (problem)
          ctx.report({
            at: name,
            message: `HorizontalPodAutoscaler "${hpa.object.name ?? ''}" scales ${kind} "${name.value}", but ${problem}`,
          });
      }
    },
  },
});
