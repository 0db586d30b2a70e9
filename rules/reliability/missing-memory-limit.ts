import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';

export default defineRule({
  meta: {
    id: 'missing-memory-limit',
    title: 'Container without a memory limit',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['unset-memory-requirements', 'CKV_K8S_13', 'KSV018', 'memoryLimitsMissing', 'container-resources'],
    rationale: 'A container without a memory limit can use all the memory of its node. When it leaks or spikes, the kernel OOM-kills other workloads on the node, not just this one.',
    remediation: 'Set `resources.limits.memory` on every container and init container (ephemeral containers cannot have resources), sized from observed usage plus headroom. A LimitRange default in the namespace also works, but is invisible to a linter. Kustomize patches (files named or filed as patches, or using `$patch:`) are not judged: they hold only the fields they change.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 128Mi\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 128Mi\n        limits:\n          memory: 256Mi\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      // Ephemeral containers cannot have resources; a kustomize patch holds only what it changes.
      if (container.type === 'ephemeral' || container.workload.object.partial) return;
      const limits = container.node.value.resources;
      const memory = isMapping(limits) && isMapping(limits.limits) ? limits.limits.memory : undefined;
      if (memory === undefined || memory === null || memory === '') {
        ctx.reportMissing(container.node, ['resources', 'limits', 'memory'], `container "${container.name}" has no memory limit`);
      }
    },
  },
});
