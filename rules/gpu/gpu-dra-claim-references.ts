import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';

export default defineRule({
  meta: {
    id: 'gpu-dra-claim-references',
    title: 'Pod resource claims that use the removed `source:` wrapper, name no claim, or that containers do not match',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: ['AI-C15'],
    rationale: 'A pod declares its DRA claims in `spec.resourceClaims[]`, each with a `name` and exactly one of `resourceClaimName` (a shared claim) or `resourceClaimTemplateName` (a claim per pod); the `source:` wrapper of the early alphas was removed in 1.31 (kubernetes/kubernetes#125116). Devices reach only the containers that list the claim in `resources.claims[].name` (DRA docs): a container naming an undeclared claim is rejected by the API server, and a declared claim no container names allocates devices nobody uses.',
    remediation: 'Write `resourceClaims: [{name: gpu, resourceClaimTemplateName: single-gpu}]` and reference it from the container with `resources: {claims: [{name: gpu}]}`. An unused claim is reported as a warning.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  resourceClaims:\n    - name: gpu\n      source:\n        resourceClaimTemplateName: single-gpu\n  containers:\n    - name: train\n      image: nvcr.io/nvidia/pytorch:24.08-py3\n      resources:\n        claims:\n          - name: gpu\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: train\nspec:\n  resourceClaims:\n    - name: gpu\n      resourceClaimTemplateName: single-gpu\n  containers:\n    - name: train\n      image: nvcr.io/nvidia/pytorch:24.08-py3\n      resources:\n        claims:\n          - name: gpu\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/', 'https://github.com/kubernetes/kubernetes/pull/125116'],
  },
  handlers: {
    'k8s:workload': (workload, ctx) => {
      const declared = new Map<string, boolean>();
      for (const claim of workload.podSpec.get('resourceClaims')?.items() ?? []) {
        if (!isMapping(claim.value)) continue;
        const name = typeof claim.value.name === 'string' ? claim.value.name : undefined;
        if (name !== undefined) declared.set(name, false);
        const source = claim.get('source');
        const sources = ['resourceClaimName', 'resourceClaimTemplateName'].filter((key) => claim.value !== null && isMapping(claim.value) && claim.value[key] !== undefined);
        if (source) {
          ctx.report({ at: source.key(), message: `resource claim "${name ?? ''}" uses the source: wrapper removed in Kubernetes 1.31; move resourceClaimName or resourceClaimTemplateName up to the claim entry` });
        } else if (sources.length !== 1) {
          ctx.report({ at: claim.get('name') ?? claim, message: `resource claim "${name ?? ''}" sets ${sources.length === 0 ? 'neither' : 'both'} resourceClaimName and resourceClaimTemplateName; set exactly one` });
        }
      }
      for (const container of workload.containers) {
        for (const reference of container.node.at('resources', 'claims')?.items() ?? []) {
          if (!isMapping(reference.value) || typeof reference.value.name !== 'string') continue;
          const name = reference.value.name;
          if (declared.has(name)) declared.set(name, true);
          else ctx.report({ at: reference.get('name') ?? reference, message: `container "${container.name}" uses resource claim "${name}" that the pod does not declare in spec.resourceClaims` });
        }
      }
      if (workload.object.partial) return;
      for (const claim of workload.podSpec.get('resourceClaims')?.items() ?? []) {
        if (!isMapping(claim.value) || typeof claim.value.name !== 'string' || declared.get(claim.value.name) !== false) continue;
        ctx.report({ at: claim.get('name') ?? claim, severity: 'warning', message: `resource claim "${claim.value.name}" is declared but no container lists it in resources.claims, so its devices are allocated to nobody; reference it from the container that needs it` });
      }
    },
  },
});
