import { defineRule } from '../../src/engine/rule.js';
import { isMapping, stringMap } from '../../src/model/k8s.js';
import { isBuiltInObject, isTemplatedText, selectorMatches } from '../_lib/workload.js';

/** Controllers whose `spec.selector` is a label selector that must select their own template. */
const LABEL_SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

export default defineRule({
  meta: {
    id: 'selector-does-not-match-template',
    title: 'Controller selector does not match its pod template labels',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: [
      'mismatching-selector',
      'deployment-pod-selector-labels-match-template-metadata-labels',
      'statefulset-pod-selector-labels-match-template-metadata-labels',
    ],
    rationale:
      'A Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Job manages the pods its selector matches. When the template labels do not satisfy the selector, the API server rejects the object ("`selector` does not match template `labels`"), so the apply fails.',
    remediation:
      'Give the pod template every label of `spec.selector.matchLabels` with the same value, and labels that satisfy `matchExpressions`. Jobs are judged only when they set their own selector (`manualSelector: true`); a ReplicationController without a selector uses its template labels. Templated values and kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: frontend}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector'],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const { object } = workload;
      if (object.partial || !isBuiltInObject(object) || !workload.template || workload.template === object.node) return;
      const selectorNode = object.node.at('spec', 'selector');
      if (!selectorNode || !isMapping(selectorNode.value)) return;
      if (JSON.stringify(selectorNode.value).includes('{{') || Object.values(workload.templateLabels).some(isTemplatedText)) return;
      let matches: boolean;
      if (object.kind === 'ReplicationController') {
        const selector = stringMap(selectorNode.value);
        matches = Object.entries(selector).every(([k, v]) => workload.templateLabels[k] === v);
      } else if (LABEL_SELECTOR_KINDS.has(object.kind)) {
        const spec = object.node.value.spec;
        if (object.kind === 'Job' && !(isMapping(spec) && spec.manualSelector === true)) return;
        const { matchLabels, matchExpressions } = selectorNode.value;
        if (matchLabels === undefined && matchExpressions === undefined) return;
        matches = selectorMatches(selectorNode.value, workload.templateLabels);
      } else {
        return;
      }
      if (matches) return;
      const labels =
        Object.entries(workload.templateLabels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || 'none';
      ctx.report({
        at: selectorNode,
        message: `${object.kind} "${object.name ?? ''}" selector does not match its pod template labels (${labels}); the API server rejects it`,
      });
    },
  },
});
