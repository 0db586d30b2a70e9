import { defineRule } from '../../src/engine/rule.js';
import { isImageReference, isTemplated, parseImageRef } from '../_lib/image.js';

/** Repositories whose tag encodes the CUDA/cuDNN/ROCm stack (ai-rules §4). */
const ML_REPOSITORY = /^(?:pytorch\/pytorch|tensorflow\/tensorflow|vllm\/vllm-openai|huggingface\/text-generation-inference|nvidia\/(?:cuda|cudagl)|rayproject\/[\w.-]+|rocm\/[\w.-]+|lmsysorg\/sglang|ollama\/ollama|jupyter\/[\w.-]+-notebook)$/;
/** NGC framework containers (their YY.MM tags name a CUDA release); not the operator components under nvidia/cloud-native, nvidia/k8s. */
const NGC_FRAMEWORK = /^nvidia\/(?:pytorch|tensorflow|tritonserver|cuda|nemo|tensorrt|jax|dgl|paddlepaddle|mxnet|cuda-dl-base|tensorrt-llm\/[\w.-]+)$/;
/** Tags that move: `latest-gpu`, `nightly`, `gpu`, `devel-gpu`, `2.x-latest`… (plain `latest` is unpinned-image's). */
const FLOATING = /^(?:(?:latest|nightly|main|master|edge|gpu|devel|jupyter)(?:[-_.][\w.-]*)?|[\w.-]*[-_](?:latest|nightly))$/;

/** Why the reference is a floating ML image tag, or undefined. */
export function floatingMlTag(reference: string): string | undefined {
  if (isTemplated(reference) || !isImageReference(reference)) return undefined;
  const ref = parseImageRef(reference);
  const tag = ref.tag?.toLowerCase();
  if (ref.digest || !tag || tag === 'latest') return undefined;
  const registry = ref.registry?.toLowerCase();
  const repository = ref.repository.toLowerCase();
  const ml = ML_REPOSITORY.test(repository) || (registry === 'nvcr.io' && NGC_FRAMEWORK.test(repository)) || (registry === 'ghcr.io' && repository.startsWith('huggingface/'));
  if (!ml || !FLOATING.test(tag)) return undefined;
  return `the tag "${ref.tag ?? ''}" moves, and with it the CUDA/cuDNN version and the driver the image needs`;
}

export default defineRule({
  meta: {
    id: 'ml-docker-framework-tag',
    title: 'ML framework or CUDA image with a floating tag (latest-gpu, nightly)',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'Tags of ML images encode the stack underneath: `pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime` names the CUDA and cuDNN versions, an NGC tag such as `24.05-py3` names a release whose CUDA version and minimum driver NVIDIA documents. Floating tags such as `tensorflow/tensorflow:latest-gpu`, `rayproject/ray:nightly-gpu` or `vllm/vllm-openai:nightly` move to a new CUDA release without notice; the next build or node pull can need a newer driver than the nodes have, or change kernels and numerics mid-experiment. hadolint and the generic unpinned-image rule catch only the literal tag `latest`.',
    remediation: 'Pin a versioned tag (`tensorflow/tensorflow:2.17.0-gpu`, `vllm/vllm-openai:v0.6.3`), or a digest; upgrade deliberately and check the CUDA version against the nodes\' driver.',
    examples: [
      { lang: 'dockerfile', bad: 'FROM tensorflow/tensorflow:latest-gpu\nCOPY train.py /app/\n', good: 'FROM tensorflow/tensorflow:2.17.0-gpu\nCOPY train.py /app/\n' },
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: serve\nspec:\n  containers:\n    - name: vllm\n      image: vllm/vllm-openai:nightly\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: serve\nspec:\n  containers:\n    - name: vllm\n      image: vllm/vllm-openai:v0.6.3\n',
      },
    ],
    references: ['https://hub.docker.com/r/tensorflow/tensorflow', 'https://docs.nvidia.com/deeplearning/frameworks/support-matrix/index.html', 'https://github.com/hadolint/hadolint/wiki/DL3007'],
  },
  handlers: {
    'dockerfile:stage': (stage, ctx) => {
      if (stage.parent || !stage.image.fullyResolved) return;
      const reason = floatingMlTag(stage.image.resolved);
      if (reason) ctx.report({ at: stage.image, message: `FROM "${stage.image.resolved}": ${reason}; pin a versioned tag or a digest` });
    },
    'k8s:container': (container, ctx) => {
      const image = container.node.get('image');
      if (!container.image || !image) return;
      const reason = floatingMlTag(container.image);
      if (reason) ctx.report({ at: image, message: `container "${container.name}" image "${container.image}": ${reason}; pin a versioned tag or a digest` });
    },
  },
});
