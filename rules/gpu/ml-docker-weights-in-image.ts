import { defineRule } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction, Stage } from '../../src/model/dockerfile.js';
import type { ModelNode } from '../../src/model/node.js';
import { finalChain } from '../_lib/dockerfile.js';
import { downloadsOf, lastSegment, unquoted } from '../_lib/downloads.js';
import { hasCacheMount } from '../_lib/packages.js';
import { baseName, commandsOf } from '../_lib/shell.js';

/** File names that are model weights whatever their folder. */
const WEIGHT_FILE = /\.(?:safetensors|pt|pth|ckpt|gguf|ggml|onnx|tflite|h5|keras|mar|nemo)$/i;
/** Ambiguous extensions (`.bin` firmware, `.pb` protobuf data, `.plan`): weights only with a model-like name. */
const NAMED_WEIGHT_FILE =
  /(?:model|weight|ckpt|checkpoint|pytorch|adapter|tensorrt|trt|llama|gpt|bert)[\w.-]*\.(?:bin|pb|engine|plan)$|^saved_model\.pbt?x?t?$/i;
/** Folders of weights (not `models/`, which in application code is as often ORM classes). */
const WEIGHT_DIR = /^(?:weights|checkpoints|ckpts?|model[-_]weights|pretrained[-_]?models?|hf[-_]models|model[-_]cache)$/i;
/** Bases of model-only images (KServe Modelcar and the like), whose whole purpose is to carry weights. */
const MODEL_ONLY_BASE =
  /^(?:scratch|(?:[\w.-]+\/)*(?:busybox|alpine|ubi-?minimal|ubi\d*-minimal|ubi\d*\/ubi-minimal|distroless\/static[\w-]*))(?::|@|$)/i;
/** Hugging Face Hub downloads inside Python code (`python -c`). */
const PYTHON_DOWNLOAD = /\b(?:snapshot_download|hf_hub_download|from_pretrained)\s*\(/;

function weightName(path: string): string | undefined {
  const name = lastSegment(path.replace(/\/+$/, ''));
  if (WEIGHT_FILE.test(name) || NAMED_WEIGHT_FILE.test(name)) return 'weight file';
  if (WEIGHT_DIR.test(name)) return 'weights folder';
  return undefined;
}

/** Whether the shipped image is a model-only image: a minimal base and no Python in it. */
function modelOnly(model: DockerfileModel, chain: readonly Stage[]): boolean {
  const root = chain[0];
  if (!root || !MODEL_ONLY_BASE.test(root.image.resolved)) return false;
  const runs = chain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN');
  return !runs.some((run) =>
    commandsOf(model, run).some((c) => /^(?:python\d*(?:\.\d+)?|pip\d*|uv|conda|apk)$/.test(baseName(c.name) ?? '')),
  );
}

function runDownloads(model: DockerfileModel, run: DockerInstruction): Array<{ at: ModelNode; what: string }> {
  // Weights fetched into a cache mount are not in the layer.
  if (hasCacheMount(run, ['*/.cache/huggingface', '*/huggingface', '/models', '/root/.cache', '*/.ollama'])) return [];
  const found: Array<{ at: ModelNode; what: string }> = [];
  for (const command of commandsOf(model, run)) {
    const name = baseName(command.name) ?? '';
    const words = command.words;
    const sub = words[1]?.value;
    if ((name === 'hf' || name === 'huggingface-cli') && sub === 'download') {
      found.push({ at: command, what: `\`${name} download\` fetches a model from the Hugging Face Hub` });
    } else if (name === 'ollama' && sub === 'pull') {
      found.push({ at: command, what: '`ollama pull` fetches a model' });
    } else if (name === 'git' && sub === 'clone') {
      const url = words.slice(2).find((w) => /huggingface\.co\//i.test(unquoted(w)));
      if (url) found.push({ at: url, what: 'git clone of a Hugging Face model repository' });
    } else if (/^python\d*(?:\.\d+)?$/.test(name)) {
      const code = words.find((w) => PYTHON_DOWNLOAD.test(unquoted(w)));
      if (code) found.push({ at: code, what: 'Python code downloads a model from the Hugging Face Hub' });
    } else {
      for (const download of downloadsOf(command)) {
        const kind = weightName(download.urlText) ?? (/huggingface\.co\/.+\/resolve\//i.test(download.urlText) ? 'weight file' : undefined);
        if (kind) found.push({ at: download.url, what: `${name} downloads a ${kind} (${lastSegment(download.urlText)})` });
      }
    }
  }
  return found;
}

export default defineRule({
  meta: {
    id: 'ml-docker-weights-in-image',
    title: 'Model weights baked into the shipped image',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.2.0',
    aliases: ['AI-G40'],
    rationale:
      'Weights copied or downloaded into an image layer tie every model update to an image release, make each layer gigabytes that every push, pull and node cold start moves again, and give everyone who can pull the image the weights — including gated or licensed ones fetched with a token at build time. The serving stacks load weights at start instead: KServe from a `storageUri` (or a separate Modelcar image), vLLM and TGI from a mounted cache volume (`HF_HOME`), Triton from a model repository.',
    remediation:
      'Keep code and weights apart: mount the weights at run time (a PersistentVolume or a cache volume at `HF_HOME`, KServe `storageUri`, an init container that downloads them) or ship them in a model-only image (KServe Modelcar: `FROM busybox` + `COPY` of the weights) that the server mounts. Only the final stage and the stages it is built FROM are judged; a model-only image (scratch, busybox, alpine, UBI minimal or distroless base without Python) and downloads into a `--mount=type=cache` are not reported. `models/` folders are not judged by name (in application code they usually hold source files).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM vllm/vllm-openai:v0.6.3\nRUN hf download meta-llama/Llama-3.1-8B-Instruct --local-dir /models/llama\nENTRYPOINT ["vllm", "serve", "/models/llama"]\n',
        good: 'FROM vllm/vllm-openai:v0.6.3\nENV HF_HOME=/models\nENTRYPOINT ["vllm", "serve", "meta-llama/Llama-3.1-8B-Instruct"]\n',
      },
    ],
    references: [
      'https://kserve.github.io/website/latest/modelserving/storage/oci/',
      'https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables#hfhome',
      'https://docs.vllm.ai/en/stable/deployment/k8s.html',
    ],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const chain = finalChain(model);
      if (chain.length === 0 || modelOnly(model, chain)) return;
      for (const instruction of chain.flatMap((s) => s.instructions)) {
        if (instruction.onbuild) continue;
        if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
          const sources = instruction.copyOperands?.sources ?? [];
          for (const source of sources) {
            // `ADD "${MODEL}" /models/`: judged by the ARG default.
            const resolved = source.variable ? model.resolve(source.value, instruction) : { value: source.value, complete: true };
            if (!resolved.complete) continue;
            const path = resolved.value.replace(/^["']|["']$/g, '');
            const kind = weightName(path);
            if (!kind) continue;
            ctx.report({
              at: source,
              message: `${instruction.keyword} puts a ${kind} (${lastSegment(path)}) into the shipped image; load weights at run time from a volume or storageUri, or ship them in a model-only image`,
            });
          }
        } else if (instruction.keyword === 'RUN') {
          for (const { at, what } of runDownloads(model, instruction))
            ctx.report({
              at,
              message: `${what} into a layer of the shipped image; load weights at run time (a volume at HF_HOME, KServe storageUri) or ship them in a model-only image`,
            });
        }
      }
    },
  },
});
