import { isMapping, type Container, type K8sObject, type KNode, type Workload } from '../../src/model/k8s.js';

/** Every node under `node` (itself included), depth first; bounded so a pathological document cannot recurse forever. */
export function walk(node: KNode, visit: (node: KNode) => void, depth = 0): void {
  if (depth > 40) return;
  visit(node);
  for (const child of Array.isArray(node.value) ? node.items() : node.entries().map(([, n]) => n)) walk(child, visit, depth + 1);
}

/** The container's `command` and `args` as one list of strings (non-strings left out). */
export function commandLine(container: Container): string[] {
  const out: string[] = [];
  for (const key of ['command', 'args']) {
    const list = container.node.value[key];
    if (Array.isArray(list)) for (const item of list) if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
  }
  return out;
}

/** Whether `value` is a mapping holding `key`; narrows for callers. */
export function hasKey(value: unknown, key: string): boolean {
  return isMapping(value) && Object.prototype.hasOwnProperty.call(value, key);
}

/** Images of model servers that load weights before they serve (vLLM, TGI, SGLang, Triton, TensorRT-LLM, Ollama, LMDeploy). */
const MODEL_SERVER_IMAGE =
  /(?:^|\/)(?:vllm[\w-]*|text-generation-inference|sglang|tritonserver|tensorrt-llm[\w-]*|ollama|lmdeploy)(?::|@|$)/i;
/** Launch commands of the same servers. */
const MODEL_SERVER_COMMAND =
  /\bvllm\s+serve\b|\bvllm\.entrypoints\b|\btext-generation-launcher\b|\btritonserver\b|\bsglang\.launch_server\b|\bollama\s+serve\b|\blmdeploy\s+serve\b|\btrtllm-serve\b/;

/** Which model server the container runs (image name or launch command), or undefined. */
export function modelServerOf(container: Container): string | undefined {
  const image = container.image ?? '';
  const fromImage = MODEL_SERVER_IMAGE.exec(image.replace(/[:@].*$/, (m) => m.slice(0, 1)))?.[0];
  if (fromImage) return fromImage.replace(/^\//, '').replace(/[:@]$/, '');
  const fromCommand = MODEL_SERVER_COMMAND.exec(commandLine(container).join(' '))?.[0];
  return fromCommand;
}

/** Whether a container mapping (`containers[i]`) requests an accelerator in its limits or requests. */
export function containerRequestsAccelerator(
  container: unknown,
  isAccelerator: (name: string) => boolean,
  quantity: (value: unknown) => number | undefined,
): boolean {
  if (!isMapping(container) || !isMapping(container.resources)) return false;
  for (const kind of ['limits', 'requests']) {
    const values = container.resources[kind];
    if (isMapping(values) && Object.entries(values).some(([name, v]) => isAccelerator(name) && (quantity(v) ?? 0) > 0)) return true;
  }
  return false;
}

/** The workloads of each object (a PyTorchJob has one per replica type), built once per run. */
export function workloadsByObject(workloads: readonly Workload[]): Map<K8sObject, Workload[]> {
  const byObject = new Map<K8sObject, Workload[]>();
  for (const workload of workloads) {
    const list = byObject.get(workload.object);
    if (list) list.push(workload);
    else byObject.set(workload.object, [workload]);
  }
  return byObject;
}
