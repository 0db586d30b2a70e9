import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type KNode } from '../../src/model/k8s.js';
import { draApiVersion } from './_lib/dra.js';

/** Fields a request carried directly before v1beta2, and under `exactly` since. */
const FLAT_FIELDS = ['deviceClassName', 'count', 'allocationMode', 'selectors', 'adminAccess', 'tolerations', 'capacity'];

export default defineRule({
  meta: {
    id: 'gpu-dra-request-shape',
    title: 'ResourceClaim device request in the shape of another DRA API version',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-C14'],
    rationale: 'In `resource.k8s.io/v1beta2` and `v1` a device request sets exactly one of `exactly` (`deviceClassName`, `count`, `allocationMode`, `selectors`) or `firstAvailable` (a prioritized list of alternatives); the API reference says "One of Exactly or FirstAvailable must be set". Up to v1beta1 the same fields sat directly on the request. A claim written for one version and applied with the other\'s apiVersion is rejected (unknown or missing fields); NVIDIA\'s DRA driver keeps both shapes of its demo claims for this reason.',
    remediation: 'On v1beta2/v1 nest the fields: `requests: [{name: gpu, exactly: {deviceClassName: gpu.nvidia.com}}]`. On v1beta1 and older put `deviceClassName` directly on the request.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: gpu\nspec:\n  devices:\n    requests:\n      - name: gpu\n        deviceClassName: gpu.nvidia.com\n',
        good: 'apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: gpu\nspec:\n  devices:\n    requests:\n      - name: gpu\n        exactly:\n          deviceClassName: gpu.nvidia.com\n',
      },
    ],
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/resource-claim-v1/', 'https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/', 'https://github.com/NVIDIA/k8s-dra-driver-gpu/tree/main/demo/specs/quickstart'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      const entry = draApiVersion(object.apiVersion);
      if (!entry) return;
      let requests: KNode | undefined;
      if (object.kind === 'ResourceClaim') requests = object.node.at('spec', 'devices', 'requests');
      else if (object.kind === 'ResourceClaimTemplate') requests = object.node.at('spec', 'spec', 'devices', 'requests');
      for (const request of requests?.items() ?? []) {
        if (!isMapping(request.value)) continue;
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar in valid input; a mapping there prints as [object Object], as before
        const name = String(request.value.name ?? '');
        const flat = FLAT_FIELDS.map((field) => request.get(field)).filter((node): node is KNode => node !== undefined);
        const exactly = request.get('exactly');
        const firstAvailable = request.get('firstAvailable');
        if (entry.nestedRequests) {
          for (const node of flat) {
            ctx.report({ at: node.key(), message: `request "${name}" sets ${String(node.path[node.path.length - 1])} directly, the ${'v1beta1'} shape; in ${object.apiVersion} it goes under exactly:` });
          }
          if (exactly && firstAvailable) {
            ctx.report({ at: firstAvailable.key(), message: `request "${name}" sets both exactly and firstAvailable; set one of them` });
          } else if (!exactly && !firstAvailable && flat.length === 0) {
            ctx.reportMissing(request, ['exactly'], `request "${name}" sets neither exactly nor firstAvailable; ${object.apiVersion} needs one of them`);
          } else if (exactly && isMapping(exactly.value) && exactly.value.deviceClassName === undefined) {
            ctx.reportMissing(exactly, ['deviceClassName'], `request "${name}" has no exactly.deviceClassName; name the DeviceClass to allocate from`);
          }
        } else if (exactly) {
          ctx.report({ at: exactly.key(), message: `request "${name}" nests its fields under exactly:, the v1beta2/v1 shape; ${object.apiVersion} takes deviceClassName directly on the request (or move to resource.k8s.io/v1)` });
        } else if (!firstAvailable && request.value.deviceClassName === undefined) {
          ctx.reportMissing(request, ['deviceClassName'], `request "${name}" has no deviceClassName; name the DeviceClass to allocate from`);
        }
      }
    },
  },
});
