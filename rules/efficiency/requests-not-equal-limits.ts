import { defineRule } from '../../src/engine/rule.js';
import { parseQuantity } from '../_lib/quantity.js';
import { isUnsetQuantity, judgedForResources, resourceOf } from '../_lib/resources.js';

export default defineRule({
  meta: {
    id: 'requests-not-equal-limits',
    title: 'Requests differ from limits (not Guaranteed QoS)',
    severity: 'warning',
    category: 'efficiency',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: [
      'container-resource-requests-equal-limits',
      'container-cpu-requests-equal-limits',
      'container-memory-requests-equal-limits',
      'container-ephemeral-storage-request-equals-limit',
    ],
    rationale:
      'Only pods whose every container has requests equal to limits for CPU and memory get the Guaranteed QoS class: they are the last to be evicted under memory pressure, and with the static CPU manager they get whole cores. A request below the limit lets the node overcommit, so a burst of several pods at once ends in OOM kills or throttling. Opt-in: overcommitting is a deliberate, common trade-off.',
    remediation:
      'Set `resources.requests` equal to `resources.limits` for each resource of the `resources` option (default cpu and memory; a limit without a request already sets the request to it). Ephemeral containers and kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:17\n      resources:\n        requests: {cpu: 500m, memory: 1Gi}\n        limits: {cpu: "1", memory: 2Gi}\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:17\n      resources:\n        requests: {cpu: "1", memory: 2Gi}\n        limits: {cpu: "1", memory: 2Gi}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#guaranteed'],
    options: {
      schema: {
        type: 'object',
        properties: {
          resources: {
            type: 'array',
            items: { enum: ['cpu', 'memory', 'ephemeral-storage'] },
            description: 'Resources whose request must equal the limit.',
          },
        },
        additionalProperties: false,
      },
      defaults: { resources: ['cpu', 'memory'] },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (!judgedForResources(container)) return;
      for (const name of (ctx.options.resources as string[] | undefined) ?? ['cpu', 'memory']) {
        const request = resourceOf(container, 'requests', name);
        const limit = resourceOf(container, 'limits', name);
        if (isUnsetQuantity(limit)) {
          ctx.reportMissing(
            container.node,
            ['resources', 'limits', name],
            `container "${container.name}" has no ${name} limit, so its ${name} request cannot equal it (not Guaranteed QoS)`,
          );
        } else if (
          !isUnsetQuantity(request) &&
          parseQuantity(request) !== undefined &&
          parseQuantity(limit) !== undefined &&
          parseQuantity(request) !== parseQuantity(limit)
        ) {
          ctx.report({
            at: container.node.at('resources', 'requests', name)!,
            message: `container "${container.name}" requests ${String(request)} ${name} but its limit is ${String(limit)}; set them equal for Guaranteed QoS`,
          });
        }
      }
    },
  },
});
