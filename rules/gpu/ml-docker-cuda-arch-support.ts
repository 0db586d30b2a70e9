import { defineRule } from '../../src/engine/rule.js';
import { ARCHITECTURES, compilesFor, cudaRelease, parseCapability } from '../_lib/cuda.js';
import { cudaVersionOfImage } from '../_lib/cuda-images.js';
import { finalChain } from '../_lib/dockerfile.js';

const DEFAULT_TARGETS = ['8.0', '8.9', '9.0'];

function architectureName(capability: string): string {
  const family = ARCHITECTURES.find((a) => a.capabilities.includes(capability))?.name;
  return family ? `${family} (sm_${capability.replace('.', '')})` : `sm_${capability.replace('.', '')}`;
}

/** Whether CUDA `version` generates native code for `capability`; releases older than the table (9.x) support nothing from Ampere on. */
function supports(version: string, capability: string): boolean | undefined {
  const release = cudaRelease(version);
  if (release) return compilesFor(release, capability);
  const major = Number(version.split('.')[0]);
  const wanted = parseCapability(capability);
  if (major < 10 && wanted) return wanted.major < 7 || (wanted.major === 7 && wanted.minor <= 2);
  return undefined;
}

export default defineRule({
  meta: {
    id: 'ml-docker-cuda-arch-support',
    title: 'Final image\'s CUDA release predates the GPUs it targets',
    severity: 'info',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'Each CUDA release compiles native code only for the GPU architectures it knows: Ampere (sm_80) arrived with CUDA 11.0, Ada Lovelace (sm_89) and Hopper (sm_90) with 11.8, Blackwell with 12.8. A base image with an older CUDA (`nvidia/cuda:11.3…`, `pytorch/pytorch:…-cuda11.3-…`) has no kernels for those GPUs: code built in it either falls back to JIT compilation from PTX at start-up (minutes, when PTX was embedded at all) or fails with "no kernel image is available for execution on the device" / "CUDA capability sm_90 is not compatible with the current PyTorch installation". The GPUs to check against are the `targetArchitectures` option (compute capabilities; default A100 8.0, L4/L40S 8.9, H100 9.0).',
    remediation: 'Base the final image on a CUDA release that covers the cluster\'s GPUs (11.8 or later for Ada and Hopper, 12.8 or later for Blackwell), e.g. `nvidia/cuda:12.4.1-runtime-ubuntu22.04` or `pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime`; set `targetArchitectures` to the compute capabilities your nodes really have.',
    examples: [
      { lang: 'dockerfile', bad: 'FROM pytorch/pytorch:1.12.1-cuda11.3-cudnn8-runtime\nCOPY train.py /app/\n', good: 'FROM pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\nCOPY train.py /app/\n' },
    ],
    references: ['https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/index.html', 'https://developer.nvidia.com/cuda-gpus', 'https://github.com/pytorch/pytorch/issues/87436'],
    options: {
      schema: {
        type: 'object',
        properties: { targetArchitectures: { type: 'array', items: { type: 'string', pattern: '^(sm_?)?\\d+(\\.\\d)?$' }, description: 'Compute capabilities of the cluster\'s GPUs (`8.0`, `sm_90`); empty: the rule is off.' } },
        additionalProperties: false,
      },
      defaults: { targetArchitectures: DEFAULT_TARGETS },
    },
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const root = finalChain(model)[0];
      if (!root || !root.image.fullyResolved) return;
      const version = cudaVersionOfImage(root.image.resolved);
      if (!version) return;
      const targets = Array.isArray(ctx.options.targetArchitectures) ? ctx.options.targetArchitectures.map(String) : DEFAULT_TARGETS;
      const missing = targets.map((t) => parseCapability(t)).filter((c) => c !== undefined).map((c) => `${c.major}.${c.minor}`)
        .filter((capability) => supports(version, capability) === false);
      if (missing.length === 0) return;
      ctx.report({ at: root.image, message: `the final image is based on CUDA ${version} ("${root.image.resolved}"), which has no native code for ${missing.map(architectureName).join(', ')}: move to a CUDA release that covers them (11.8+ for Ada/Hopper)` });
    },
  },
});
