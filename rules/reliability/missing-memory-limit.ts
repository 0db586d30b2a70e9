import { defineRule } from '../../src/engine/rule.js';
import { describeService } from '../_lib/compose-service.js';
import { isUnsetQuantity, judgedForResources, limitRangeDefaultsFor, resourceOf } from '../_lib/resources.js';

export default defineRule({
  meta: {
    id: 'missing-memory-limit',
    title: 'Container without a memory limit',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: [
      'unset-memory-requirements',
      'CKV_K8S_13',
      'KSV018',
      'memoryLimitsMissing',
      'container-resources',
      'bb9ac4f7-e13b-423d-a010-c74a1bfbe492',
    ],
    rationale:
      'A container without a memory limit can use all the memory of its node. When it leaks or spikes, the kernel OOM-kills other workloads on the node, not just this one. Docker Compose (with the option `compose: true`): a service without `deploy.resources.limits.memory` or `mem_limit` (override files and `extends` services are not judged). Difference from KICS (Memory Not Limited): the finding sits on the deepest part of the path that exists (`deploy:`), KICS on the service.',
    remediation:
      'Set `resources.limits.memory` on every container and init container (ephemeral containers cannot have resources), sized from observed usage plus headroom. A LimitRange with a default (or max) memory limit for containers in the same namespace among the linted files also counts. Kustomize patches (files named or filed as patches, or using `$patch:`) are not judged: they hold only the fields they change.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 128Mi\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 128Mi\n        limits:\n          memory: 256Mi\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://docs.docker.com/reference/compose-file/deploy/#resources',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          compose: {
            type: 'boolean',
            description:
              'Also judge Docker Compose services (off by default: almost no Compose file sets memory limits, 645 of the 650 services of the real-file corpus, and a single host usually runs them without).',
          },
        },
        additionalProperties: false,
      },
      defaults: { compose: false },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const defaultsFor = limitRangeDefaultsFor(objects);
      for (const workload of workloads) {
        if (defaultsFor(workload).limits.has('memory')) continue;
        for (const container of workload.containers) {
          // Ephemeral containers cannot have resources; a kustomize patch holds only what it changes.
          if (!judgedForResources(container) || !isUnsetQuantity(resourceOf(container, 'limits', 'memory'))) continue;
          ctx.reportMissing(container.node, ['resources', 'limits', 'memory'], `container "${container.name}" has no memory limit`);
        }
      }
    },
    'compose:service': (service, ctx, model) => {
      // An override or an extending service may get its limit from the file it is merged with.
      if (ctx.options.compose !== true || model.partial || service.extends) return;
      if (service.deploy.limits?.get('memory') || service.node.get('mem_limit')) return;
      ctx.reportMissing(
        service.node,
        ['deploy', 'resources', 'limits', 'memory'],
        `${describeService(service)} has no memory limit; set deploy.resources.limits.memory (or mem_limit)`,
      );
    },
  },
});
