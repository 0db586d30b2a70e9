import { defineRule } from '../../src/engine/rule.js';
import { finalChain } from '../_lib/dockerfile.js';
import { parseImageRef } from '../_lib/image.js';

/** Why a base image is a development (compiler toolchain) flavour, or undefined. */
export function develFlavour(image: string): string | undefined {
  const ref = parseImageRef(image);
  const repository = ref.repository.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  if ((repository === 'nvidia/cuda' || repository === 'library/nvidia/cuda') && /(^|-)devel(-|$)/.test(tag)) return 'a CUDA "devel" image (compilers, headers and static libraries)';
  if (repository === 'pytorch/pytorch' && /-devel$/.test(tag)) return 'a PyTorch "devel" image (the CUDA toolkit with nvcc)';
  if (/^rocm\/dev-/.test(repository)) return 'a ROCm development image';
  return undefined;
}

/** Dockerfiles and final stages named for development or building (`Dockerfile.dev`, `AS builder`) are meant to carry the toolchain. */
const TOOLING_NAME = /(^|[./_-])(dev|devel|develop|development|devcontainer|build|builder|ci|test|tests)([./_-]|$)/i;

export default defineRule({
  meta: {
    id: 'ml-docker-devel-final-stage',
    title: 'Final image is built on a CUDA/ROCm development image',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'NVIDIA ships `nvidia/cuda` in three flavours: `base` (the CUDA runtime), `runtime` (plus the math libraries and NCCL) and `devel` (plus headers, the nvcc toolchain and static libraries), and describes `devel` as the image to compile in, for multi-stage builds. A `devel` image is about twice the size of `runtime` (Kubeflow measured 2.6 GB against 1.2 GB; single-stage devel images of 16 GB are reported), so every node pulls gigabytes of compilers it never runs, and the compilers stay available to anyone who gets a shell in the container. `pytorch/pytorch:*-devel` and `rocm/dev-*` images are the same thing for PyTorch and ROCm.',
    remediation: 'Build in a `devel` stage and copy the results into a final stage based on the matching `runtime` (or `base`) image: `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build` … `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04` + `COPY --from=build`. Only the stage the image is made of is judged: a `devel` build stage is fine, and so are Dockerfiles or final stages named for development or building (`Dockerfile.dev`, `AS builder`). This rule owns CUDA and ROCm images; single-stage-toolchain-image judges other compilers.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
        good: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nCOPY src /src\nRUN make -C /src\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCOPY --from=build /src/app /usr/local/bin/app\nCMD ["app"]\n',
      },
    ],
    references: ['https://gitlab.com/nvidia/container-images/cuda/-/blob/master/README.md', 'https://hub.docker.com/r/nvidia/cuda', 'https://github.com/kubeflow/kubeflow/issues/1783'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      if (TOOLING_NAME.test(model.source.path.replace(/^.*[\\/]/, ''))) return;
      const chain = finalChain(model);
      const root = chain[0];
      const last = chain[chain.length - 1];
      if (!root || !root.image.fullyResolved || (last?.name && TOOLING_NAME.test(last.name))) return;
      const flavour = develFlavour(root.image.resolved);
      if (!flavour) return;
      const via = last && last !== root ? ` (the final stage is built FROM stage "${root.name ?? root.index}")` : '';
      ctx.report({ at: root.image, message: `the shipped image is based on "${root.image.resolved}", ${flavour}${via}; build in this stage and copy the result into a final stage FROM the matching runtime image` });
    },
  },
});
