import { defineRule } from '../../src/engine/rule.js';
import { isMapping, type Container } from '../../src/model/k8s.js';
import { envValue } from '../_lib/accelerators.js';
import { commandLine, modelServerOf } from '../_lib/ml-workloads.js';

/** Servers that fetch Hub models into the Hugging Face cache, and where their images put it by default. */
const DEFAULT_CACHE: Array<{ server: RegExp; path: string }> = [
  { server: /text-generation/, path: '/data' },
  { server: /vllm|sglang/, path: '/root/.cache/huggingface' },
];
/** KServe and Ray controllers download the model themselves (storage initializer, modelcars). */
const CONTROLLER_MANAGED = new Set(['InferenceService', 'LLMInferenceService', 'ServingRuntime', 'ClusterServingRuntime', 'RayService']);

/** The model the server loads: `--model X`, `--model=X`, `--model-id`, `--model-path`, `vllm serve X`, or TGI's MODEL_ID; `$(VAR)` resolved from env. */
function modelReference(container: Container): string | undefined {
  const args = commandLine(container);
  let value: string | undefined;
  args.forEach((arg, i) => {
    const inline = /^--model(?:-id|-path)?=(.+)$/.exec(arg)?.[1];
    if (inline !== undefined) value ??= inline;
    else if (/^--model(?:-id|-path)?$/.test(arg)) value ??= args[i + 1];
    else if (arg === 'serve' && /(^|\/)vllm$/.test(args[i - 1] ?? '')) value ??= args[i + 1];
  });
  value ??= envValue(container, 'MODEL_ID')?.value || undefined;
  return value?.replace(/\$\((\w+)\)/g, (whole, name: string) => envValue(container, name)?.value || whole);
}

function covers(mountPath: string, path: string): boolean {
  const mount = mountPath.replace(/\/+$/, '');
  return path === mount || path.startsWith(`${mount}/`) || mount === '';
}

export default defineRule({
  meta: {
    id: 'ml-model-cache-volume',
    title: 'LLM server downloads its model into the container filesystem on every start',
    severity: 'info',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'vLLM, TGI and SGLang fetch a Hub model id into the Hugging Face cache (`HF_HOME`, by default `~/.cache/huggingface`; TGI\'s image sets `/data`). Without a volume there, the weights — often tens of gigabytes — land in the container\'s writable layer: every restart, rescheduling and scale-out downloads them again (slow starts, Hub rate limits, egress cost), and they count against the node\'s ephemeral storage, which can get the pod evicted. TGI\'s README mounts a volume "to avoid downloading weights every run"; vLLM\'s Kubernetes guide mounts a PVC at the cache.',
    remediation: 'Mount a volume (a PVC, ideally ReadOnlyMany/ReadWriteMany so replicas share it) at the cache path (`/root/.cache/huggingface`, TGI: `/data`, or wherever `HF_HOME`/`HF_HUB_CACHE` points), or serve from a local path on a mounted volume (`--model /models/llama`). KServe and RayService workloads download through their controllers and are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: llm\nspec:\n  containers:\n    - name: vllm\n      image: vllm/vllm-openai:v0.6.3\n      args: ["--model", "meta-llama/Llama-3.1-8B-Instruct"]\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: llm\nspec:\n  containers:\n    - name: vllm\n      image: vllm/vllm-openai:v0.6.3\n      args: ["--model", "meta-llama/Llama-3.1-8B-Instruct"]\n      volumeMounts:\n        - name: hf-cache\n          mountPath: /root/.cache/huggingface\n  volumes:\n    - name: hf-cache\n      persistentVolumeClaim:\n        claimName: hf-cache\n',
      },
    ],
    references: ['https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables', 'https://github.com/huggingface/text-generation-inference#docker', 'https://docs.vllm.ai/en/latest/deployment/k8s.html'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (container.type !== 'regular' || container.workload.object.partial || CONTROLLER_MANAGED.has(container.workload.object.kind)) return;
      const server = modelServerOf(container);
      const defaults = server ? DEFAULT_CACHE.find((d) => d.server.test(server)) : undefined;
      if (!server || !defaults) return;
      const mounts = (container.node.get('volumeMounts')?.items() ?? []).flatMap((m) => (isMapping(m.value) && typeof m.value.mountPath === 'string' ? [m.value.mountPath] : []));
      const cache = envValue(container, 'HF_HUB_CACHE')?.value || envValue(container, 'HF_HOME')?.value || envValue(container, 'HUGGINGFACE_HUB_CACHE')?.value || defaults.path;
      if (mounts.some((m) => covers(m, cache))) return;
      const model = modelReference(container);
      // No model named (the server's default) or a local path (baked in or on a volume): nothing to judge.
      if (!model || model.startsWith('/') || model.includes('$(')) return;
      ctx.reportMissing(container.node, ['volumeMounts'], `container "${container.name}" runs ${server} with no volume at its model cache ${cache} for "${model}": every start downloads the weights into the container's writable layer; mount a (shared) volume there`);
    },
  },
});
