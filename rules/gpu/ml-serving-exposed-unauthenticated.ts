import { defineRule } from '../../src/engine/rule.js';
import type { Container, KNode } from '../../src/model/k8s.js';
import { envValue } from '../_lib/accelerators.js';
import { commandLine } from '../_lib/ml-workloads.js';
import { objectIndex } from '../_lib/object-index.js';
import { externalExposures, type Exposure } from './_lib/exposure.js';

const RAY_DASHBOARD_PORT = 8265;

/** The model server a container runs without authentication, or undefined (unknown server, or one with an API key set). */
function unauthenticatedServer(container: Container): string | undefined {
  const image = (container.image ?? '').replace(/@.*$/, '');
  const name = image.replace(/:[^/]*$/, '').toLowerCase();
  const command = commandLine(container).join(' ');
  const apiKey =
    /--api-key(?:=|\s+)\S/.test(command) || envValue(container, 'VLLM_API_KEY') !== undefined || hasEnvFrom(container, 'VLLM_API_KEY');
  if (/(?:^|\/)vllm[\w-]*$/.test(name) || /\bvllm\s+serve\b|\bvllm\.entrypoints\.openai\b/.test(command))
    return apiKey ? undefined : 'vLLM (no --api-key or VLLM_API_KEY)';
  if (/(?:^|\/)text-generation-inference$/.test(name) || /\btext-generation-launcher\b/.test(command))
    return /--api-key(?:=|\s+)\S/.test(command) || envValue(container, 'API_KEY') !== undefined || hasEnvFrom(container, 'API_KEY')
      ? undefined
      : 'Text Generation Inference (no --api-key)';
  if (/(?:^|\/)tritonserver$/.test(name) || /\btritonserver\b/.test(command)) return 'Triton Inference Server (no built-in authentication)';
  if (/(?:^|\/)ollama$/.test(name) || /\bollama\s+serve\b/.test(command)) return 'Ollama (no built-in authentication)';
  if (/(?:^|\/)(?:mlflow|mlflow-server)$/.test(name) || /\bmlflow\s+(?:server|ui)\b/.test(command))
    return /--app-name(?:=|\s+)basic-auth\b/.test(command) ? undefined : 'MLflow tracking server (no --app-name basic-auth)';
  return undefined;
}

/** Whether the variable comes from a Secret or ConfigMap (`valueFrom`): set, though not literal. */
function hasEnvFrom(container: Container, name: string): boolean {
  return (container.node.get('env')?.items() ?? []).some((e) => e.get('name')?.value === name && e.get('valueFrom') !== undefined);
}

function exposesPort(exposure: Exposure, port: number): boolean {
  return exposure.ports.some((p) => p.port === port || p.targetPort === port || p.targetPort === 'dashboard');
}

/** A Ray head: the head group of a KubeRay resource, or a container that runs `ray start --head`. */
function isRayHead(container: Container): boolean {
  const object = container.workload.object;
  if (object.apiVersion.startsWith('ray.io/') && container.workload.podSpec.path.includes('headGroupSpec')) return true;
  return /\bray\s+start\b.*--head\b/.test(commandLine(container).join(' '));
}

export default defineRule({
  meta: {
    id: 'ml-serving-exposed-unauthenticated',
    title: 'Model server without authentication exposed outside the cluster',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.2.0',
    aliases: ['AI-F32'],
    rationale:
      'Most model servers answer anyone who reaches them: Triton and Ollama have no authentication of their own, vLLM and TGI check an API key only when given one (`--api-key`, `VLLM_API_KEY`), the MLflow tracking server only with its `basic-auth` app, and the Ray dashboard (port 8265) accepts job submissions — arbitrary code — from whoever connects. A LoadBalancer or NodePort Service, or an Ingress, puts such a server on a network outside the cluster, where anyone can spend its GPUs, read its models and, for Ray and MLflow, run code (Kubescape C-0021 "Exposed sensitive interfaces" names the same risk by service name).',
    remediation:
      'Keep the Service `ClusterIP` and reach the server through an authenticating gateway (an API gateway, oauth2-proxy, a service mesh with request authentication), or give the server its API key from a Secret (`VLLM_API_KEY` / `--api-key`; MLflow `--app-name basic-auth`). Judged from the image or launch command (not names), for pods a LoadBalancer/NodePort Service selects or an Ingress routes to through a Service; Ray heads are judged when the dashboard port 8265 is exposed, and RayClusters whose head `serviceType` is LoadBalancer or NodePort.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: llm\nspec:\n  type: LoadBalancer\n  selector: {app: llm}\n  ports:\n    - port: 80\n      targetPort: 8000\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llm\nspec:\n  selector:\n    matchLabels: {app: llm}\n  template:\n    metadata:\n      labels: {app: llm}\n    spec:\n      containers:\n        - name: vllm\n          image: vllm/vllm-openai:v0.6.3\n          args: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: llm\nspec:\n  type: LoadBalancer\n  selector: {app: llm}\n  ports:\n    - port: 80\n      targetPort: 8000\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llm\nspec:\n  selector:\n    matchLabels: {app: llm}\n  template:\n    metadata:\n      labels: {app: llm}\n    spec:\n      containers:\n        - name: vllm\n          image: vllm/vllm-openai:v0.6.3\n          args: ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n          env:\n            - name: VLLM_API_KEY\n              valueFrom:\n                secretKeyRef: {name: llm-api-key, key: key}\n',
      },
    ],
    references: [
      'https://docs.vllm.ai/en/stable/serving/openai_compatible_server.html',
      'https://docs.ray.io/en/latest/cluster/running-applications/job-submission/quickstart.html',
      'https://mlflow.org/docs/latest/auth/index.html',
      'https://hub.armosec.io/docs/c-0021',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads);
      const reported = new Set<KNode>();
      for (const [workload, exposures] of externalExposures(index)) {
        for (const container of workload.containers) {
          if (container.type !== 'regular') continue;
          const server = unauthenticatedServer(container);
          for (const exposure of exposures) {
            const what =
              server ??
              (isRayHead(container) && exposesPort(exposure, RAY_DASHBOARD_PORT)
                ? 'the Ray dashboard (port 8265, accepts job submissions)'
                : undefined);
            if (!what || reported.has(exposure.at)) continue;
            reported.add(exposure.at);
            ctx.report({
              at: exposure.at,
              message: `${exposure.via} exposes ${what} in container "${container.name}" of ${workload.object.kind} "${workload.object.name ?? ''}" outside the cluster; anyone who reaches it can use the server: keep it ClusterIP behind an authenticating gateway or set an API key`,
            });
          }
        }
      }
      for (const object of objects) {
        if (object.kind !== 'RayCluster' && object.kind !== 'RayService' && object.kind !== 'RayJob') continue;
        if (!object.apiVersion.startsWith('ray.io/')) continue;
        const cluster =
          object.kind === 'RayCluster'
            ? object.node.get('spec')
            : object.kind === 'RayService'
              ? object.node.at('spec', 'rayClusterConfig')
              : object.node.at('spec', 'rayClusterSpec');
        const type = cluster?.at('headGroupSpec', 'serviceType');
        if (type?.value !== 'LoadBalancer' && type?.value !== 'NodePort') continue;
        ctx.report({
          at: type,
          message: `${object.kind} "${object.name ?? ''}" gives its head Service type ${String(type.value)}, exposing the Ray dashboard and job API (port 8265) outside the cluster: anyone who reaches it can submit jobs that run code on the cluster`,
        });
      }
    },
  },
});
