import { defineRule } from '../../src/engine/rule.js';
import { cudaMinor } from '../_lib/cuda.js';
import { cudaVersionOfImage } from '../_lib/cuda-images.js';
import { stageChain } from '../_lib/dockerfile.js';
import { isInstall, literalOperands, optionValue, packageCommandsOf } from '../_lib/packages.js';

const PYTORCH_INDEX = /^https?:\/\/download\.pytorch\.org\/whl\//;
/** A PEP 503 index of PyTorch's wheel server (`/whl/cu121`, `/whl/cpu`, `/whl/nightly/cu124`); `torch_stable.html` pages are find-links pages. */
const PYTORCH_SIMPLE_INDEX = /^https?:\/\/download\.pytorch\.org\/whl\/(?:nightly\/|test\/)?(?:cu\d+|cpu|rocm[\d.]+|xpu)\/?$/;
const TENSORFLOW_GPU = /^tensorflow-gpu(?:\[[^\]]*\])?(?:(==|>=|~=)\s*(\d+)\.(\d+)[\w.]*)?$/i;

export default defineRule({
  meta: {
    id: 'ml-docker-framework-install',
    title: 'PyTorch/TensorFlow installed from the wrong index or package',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      "PyTorch's install selector gives `pip install torch --index-url https://download.pytorch.org/whl/cu121`. With `--extra-index-url` instead, pip merges that index with PyPI and takes the highest version from either: that is how the December 2022 `torchtriton` dependency-confusion package on PyPI reached PyTorch-nightly users. `-f`/`--find-links` cannot read those PEP 503 index URLs at all. A `cuXYZ` index for a CUDA major other than the base image's ships a second CUDA runtime in wheels (gigabytes) that may need a newer driver than the image was chosen for. And `tensorflow-gpu` was replaced on PyPI by a package that fails on install (since TensorFlow 2.12; the GPU build is `tensorflow[and-cuda]`).",
    remediation:
      "Install PyTorch with `--index-url https://download.pytorch.org/whl/cuXYZ` matching the base image's CUDA major (or `/whl/cpu`), pin versions, and install other packages from PyPI in a separate command; replace `tensorflow-gpu` with `tensorflow[and-cuda]` (or pin a `tensorflow-gpu` release before 2.12).",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.4.1 --extra-index-url https://download.pytorch.org/whl/cu121\n',
        good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.4.1 --index-url https://download.pytorch.org/whl/cu121\n',
      },
    ],
    references: [
      'https://pytorch.org/get-started/locally/',
      'https://pytorch.org/blog/compromised-nightly-dependency/',
      'https://www.tensorflow.org/install/pip',
      'https://github.com/pytorch/pytorch/issues/159560',
    ],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      for (const stage of model.stages) {
        const root = stageChain(stage)[0];
        const imageCuda = root?.image.fullyResolved ? cudaVersionOfImage(root.image.resolved) : undefined;
        const imageMajor = imageCuda ? cudaMinor(imageCuda)?.split('.')[0] : undefined;
        for (const run of stage.instructions.filter((i) => i.keyword === 'RUN' && !i.onbuild)) {
          for (const pip of packageCommandsOf(model, run).filter((p) => p.manager === 'pip' && isInstall(p))) {
            // uv stops at the first index that has a package unless told `--index-strategy unsafe-best-match`.
            const mergesIndexes =
              pip.tool !== 'uv' ||
              optionValue(pip, '--index-strategy') === 'unsafe-best-match' ||
              pip.command.assignments.some((a) => a.name === 'UV_INDEX_STRATEGY' && a.value === 'unsafe-best-match');
            const tool = pip.tool === 'uv' ? 'uv pip' : 'pip';
            for (const option of pip.options) {
              const url = option.value ?? '';
              if (option.name === '--extra-index-url' && PYTORCH_INDEX.test(url) && mergesIndexes) {
                ctx.report({
                  at: option.word,
                  message: `${tool} install uses --extra-index-url ${url}: it takes the highest version from PyPI or that index (the torchtriton dependency-confusion path); use --index-url for the PyTorch packages`,
                });
              } else if ((option.name === '-f' || option.name === '--find-links') && PYTORCH_SIMPLE_INDEX.test(url)) {
                ctx.report({
                  at: option.word,
                  message: `${tool} install passes the PyTorch index ${url} to ${option.name}, which reads find-links pages, not PEP 503 indexes: use --index-url`,
                });
              }
              const indexCuda = /\/whl\/(?:nightly\/|test\/)?(cu\d+)\/?$/.exec(url)?.[1];
              const indexMajor = indexCuda ? cudaMinor(indexCuda)?.split('.')[0] : undefined;
              if (
                (option.name === '--index-url' || option.name === '-i' || option.name === '--extra-index-url') &&
                indexMajor &&
                imageMajor &&
                indexMajor !== imageMajor
              ) {
                ctx.report({
                  at: option.word,
                  message: `${tool} installs PyTorch wheels for CUDA ${cudaMinor(indexCuda ?? '') ?? indexCuda} into an image based on CUDA ${imageCuda ?? ''}: use the ${`cu${imageMajor}x`} index that matches the base image`,
                });
              }
            }
            for (const word of literalOperands(pip)) {
              const match = TENSORFLOW_GPU.exec(word.value);
              if (!match) continue;
              const [, operator, major, minor] = match;
              const broken = !operator || operator !== '==' || Number(major) > 2 || (Number(major) === 2 && Number(minor) >= 12);
              if (broken)
                ctx.report({
                  at: word,
                  message: `"${word.value}" resolves to the tensorflow-gpu package that fails on install (replaced on PyPI since TensorFlow 2.12): install tensorflow[and-cuda] instead`,
                });
            }
          }
        }
      }
    },
  },
});
