import { defineRule } from '../../src/engine/rule.js';
import { CLASSIC_DRA_KINDS, DRA_API_VERSIONS, atLeast, draApiVersion } from './_lib/dra.js';

/** Alpha-only kinds that are still served at their alpha version (DeviceTaintRule). */
const ALPHA_ONLY_KINDS = ['DeviceTaintRule'];

export default defineRule({
  meta: {
    id: 'gpu-dra-api-version',
    title: 'Dynamic Resource Allocation object on an API version the target Kubernetes does not serve (or deprecates)',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-C13'],
    rationale: 'DRA (`resource.k8s.io`) changed API version almost every release: v1alpha1 (1.26), v1alpha2 (1.27–1.30, classic DRA with ResourceClass and PodSchedulingContext), v1alpha3 (1.31–1.33), v1beta1 (from 1.32), v1beta2 (from 1.33) and v1, GA and on by default since 1.34 ("Kubernetes v1.34: DRA has graduated to GA"). An object on a version the cluster does not serve fails to apply with "no matches for kind"; the classic kinds were dropped in 1.31. Judged against `--kubernetes-version`.',
    remediation: 'Use `resource.k8s.io/v1` on 1.34 and later (v1beta2 on 1.33, v1beta1 on 1.32), and convert requests to the `exactly:` shape of v1beta2/v1 (`gpu-dra-request-shape`). Replace ResourceClass with DeviceClass. Deprecated versions that are still served are reported as warnings.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: resource.k8s.io/v1alpha3\nkind: ResourceClaimTemplate\nmetadata:\n  name: single-gpu\nspec:\n  spec:\n    devices:\n      requests:\n        - name: gpu\n          deviceClassName: gpu.nvidia.com\n',
        good: 'apiVersion: resource.k8s.io/v1\nkind: ResourceClaimTemplate\nmetadata:\n  name: single-gpu\nspec:\n  spec:\n    devices:\n      requests:\n        - name: gpu\n          exactly:\n            deviceClassName: gpu.nvidia.com\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/', 'https://kubernetes.io/blog/2025/09/01/kubernetes-v1-34-dra-updates/', 'https://github.com/kubernetes/kubernetes/pull/125116'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      const entry = draApiVersion(object.apiVersion);
      const at = object.node.get('apiVersion')?.valueOnly();
      if (!entry || !at || ALPHA_ONLY_KINDS.includes(object.kind)) return;
      const target = ctx.kubernetesVersion;
      const current = [...DRA_API_VERSIONS].reverse().find((candidate) => atLeast(target, candidate.servedFrom) && !candidate.removedIn);
      const use = current ? `; use resource.k8s.io/${current.version}` : '';
      if (CLASSIC_DRA_KINDS.includes(object.kind)) {
        ctx.report({ at, message: `${object.kind} belongs to classic DRA, removed in Kubernetes 1.31; describe devices with a DeviceClass and structured ResourceClaims${use}` });
      } else if (!atLeast(target, entry.servedFrom)) {
        ctx.report({ at, message: `${object.apiVersion} is served from Kubernetes ${entry.servedFrom}, after the target ${target}${use}` });
      } else if (entry.removedIn && atLeast(target, entry.removedIn)) {
        ctx.report({ at, message: `${object.apiVersion} ${object.kind} was removed in Kubernetes ${entry.removedIn}${use}` });
      } else if (entry.deprecatedIn && atLeast(target, entry.deprecatedIn)) {
        ctx.report({ at, severity: 'warning', message: `${object.apiVersion} ${object.kind} is deprecated since Kubernetes ${entry.deprecatedIn}${use}` });
      }
    },
  },
});
