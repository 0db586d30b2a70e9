import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorMatcher, workloadRequestsAccelerator } from '../_lib/accelerators.js';
import { objectIndex } from '../_lib/object-index.js';

/** The HPA's metrics if every one is a cpu/memory Resource (or ContainerResource) metric, with where to report; undefined otherwise. */
function onlyCpuMemory(hpa: KNode, apiVersion: string): { at: KNode; names: string[] } | undefined {
  const spec = hpa.get('spec');
  if (!spec) return undefined;
  if (apiVersion === 'autoscaling/v1') return { at: spec.get('targetCPUUtilizationPercentage') ?? spec, names: ['cpu'] };
  const metrics = spec.get('metrics');
  const items = metrics?.items() ?? [];
  // No metrics: the controller scales on 80 % CPU.
  if (items.length === 0) return { at: metrics ?? spec.get('scaleTargetRef') ?? spec, names: ['cpu'] };
  const names: string[] = [];
  for (const metric of items) {
    const type = metric.get('type')?.value;
    const source =
      type === 'Resource' ? metric.get('resource') : type === 'ContainerResource' ? metric.get('containerResource') : undefined;
    const name = source?.get('name')?.value;
    if (name !== 'cpu' && name !== 'memory') return undefined;
    names.push(name);
  }
  return { at: metrics ?? spec, names: [...new Set(names)] };
}

export default defineRule({
  meta: {
    id: 'ml-inference-hpa-metric',
    title: 'HorizontalPodAutoscaler scales a GPU workload on CPU or memory only',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.2.0',
    aliases: ['AI-F27'],
    rationale:
      "An LLM or other GPU inference server does its work on the accelerator: its CPU stays low while requests queue, and its memory is mostly the weights it loaded at start. An autoscaler that reads only CPU or memory utilization therefore does not scale out under load (or scales on noise). Google's GKE best practices for autoscaling LLM inference recommend scaling on the server's own load signals — queue size (vLLM `num_requests_waiting`, TGI `tgi_queue_size`) or batch size — exported as custom or external metrics, and treat GPU utilization (DCGM) with caution.",
    remediation:
      "Add a `Pods` or `External` metric of the server's queue or batch size (through a metrics adapter such as prometheus-adapter or KEDA) — alone or beside the resource metric. Judged only when the HPA's target is among the linted objects and requests an accelerator; an `autoscaling/v1` HPA (CPU only) and an HPA without metrics (80 % CPU) count as CPU-only.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: llm\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: llm}\n  maxReplicas: 4\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 60}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llm\nspec:\n  selector:\n    matchLabels: {app: llm}\n  template:\n    metadata:\n      labels: {app: llm}\n    spec:\n      containers:\n        - name: vllm\n          image: vllm/vllm-openai:v0.6.3\n          resources:\n            requests: {cpu: "4"}\n            limits: {nvidia.com/gpu: 1}\n',
        good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: llm\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: llm}\n  maxReplicas: 4\n  metrics:\n    - type: Pods\n      pods:\n        metric: {name: vllm_num_requests_waiting}\n        target: {type: AverageValue, averageValue: "5"}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llm\nspec:\n  selector:\n    matchLabels: {app: llm}\n  template:\n    metadata:\n      labels: {app: llm}\n    spec:\n      containers:\n        - name: vllm\n          image: vllm/vllm-openai:v0.6.3\n          resources:\n            requests: {cpu: "4"}\n            limits: {nvidia.com/gpu: 1}\n',
      },
    ],
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/best-practices/machine-learning/inference/autoscaling',
      'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#scaling-on-custom-metrics',
      'https://docs.vllm.ai/en/stable/serving/metrics.html',
    ],
    options: { schema: { type: 'object', properties: { ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false }, defaults: {} },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const accept = acceleratorMatcher(ctx.options);
      const index = objectIndex(objects, workloads);
      for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
        if (!hpa.object.apiVersion.startsWith('autoscaling/')) continue;
        const ref = hpa.object.node.at('spec', 'scaleTargetRef');
        const kind = ref?.get('kind')?.value;
        const name = ref?.get('name')?.value;
        if (typeof kind !== 'string' || typeof name !== 'string') continue;
        const targets = index.resolve(hpa, kind, name);
        if (targets.length !== 1) continue;
        const templates = index.templatesOf(kind, name).filter((t) => targets.some((target) => target.object === t.object));
        if (!templates.some((t) => workloadRequestsAccelerator(t.workload, accept))) continue;
        const only = onlyCpuMemory(hpa.object.node, hpa.object.apiVersion);
        if (!only) continue;
        ctx.report({
          at: only.at,
          message: `HorizontalPodAutoscaler "${hpa.object.name ?? ''}" scales ${kind} "${name}", which requests accelerators, on ${only.names.join(' and ')} only; GPU servers queue requests while their CPU stays low: scale on the server's queue or batch size`,
        });
      }
    },
  },
});
