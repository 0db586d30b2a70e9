import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';
import { isInstall, literalOperands, parsePackageCommand } from '../_lib/packages.js';

/**
 * Packages that install the NVIDIA kernel driver or its user-space half: `nvidia-driver-535`,
 * `cuda-drivers`, `nvidia-utils-550`, `libnvidia-compute-535`, `kmod-nvidia-…`, and the `cuda` /
 * `cuda-12-4` / `cuda-runtime-12-4` meta-packages, which NVIDIA documents as "toolkit and driver".
 */
const DRIVER_PACKAGE = /^(?:nvidia-driver(?:-[\w.-]+)?|cuda-drivers(?:-[\d.-]+)?|nvidia-utils-\d[\w.-]*|libnvidia-compute-\d[\w.-]*|nvidia-dkms-\d[\w.-]*|nvidia-kernel-(?:common|source|open)-\d[\w.-]*|kmod-nvidia[\w.-]*|cuda|cuda-\d+-\d+|cuda-runtime-\d+-\d+)$/;
const SYSTEM_MANAGERS = new Set(['apt-get', 'apt', 'aptitude', 'yum', 'dnf', 'microdnf', 'zypper']);

function packageName(word: string): string {
  return word.replace(/[=<>].*$/, '').replace(/:(amd64|arm64|i386)$/, '');
}

export default defineRule({
  meta: {
    id: 'ml-docker-driver-install',
    title: 'NVIDIA driver installed inside an image',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'A GPU container uses the driver of the host it runs on: the NVIDIA Container Toolkit mounts the host\'s driver libraries into the container, and the image needs only the CUDA toolkit libraries (NVIDIA\'s container documentation). A driver installed in the image does not match the host\'s kernel module, so `nvidia-smi` and CUDA fail with "driver/library version mismatch", and the image grows by hundreds of megabytes. The `cuda`, `cuda-X-Y` and `cuda-runtime-X-Y` meta-packages pull the driver in too; `cuda-toolkit-X-Y` and `cuda-compat-X-Y` do not.',
    remediation: 'Start from an `nvidia/cuda` (or framework) image, or install `cuda-toolkit-X-Y` / `cuda-libraries-X-Y` instead of a driver or the `cuda` meta-package, and run the container with the NVIDIA runtime or the device plugin. Driver-container images (the GPU operator\'s driver daemonset) install the driver on purpose: suppress the rule there with a reason.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends nvidia-driver-535 && rm -rf /var/lib/apt/lists/*\n',
        good: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n',
      },
    ],
    references: ['https://github.com/NVIDIA/nvidia-container-toolkit', 'https://docs.nvidia.com/cuda/cuda-installation-guide-linux/index.html#meta-packages', 'https://gitlab.com/nvidia/container-images/cuda/-/blob/master/README.md'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const command of commandsOf(model, run)) {
        const runFile = command.words.find((w, i) => (i === 0 || ['sh', 'bash'].includes(baseName(command.name) ?? '')) && /(?:^|\/)NVIDIA-Linux-[\w.-]+\.run$/.test(w.value ?? ''));
        if (runFile) {
          ctx.report({ at: runFile, message: `RUN executes the NVIDIA driver installer "${baseName(runFile.value)}"; containers use the host's driver: remove it and start from a CUDA image` });
          continue;
        }
        const parsed = parsePackageCommand(command);
        if (!parsed || !SYSTEM_MANAGERS.has(parsed.manager) || !isInstall(parsed)) continue;
        for (const word of literalOperands(parsed)) {
          const name = packageName(word.value);
          if (!DRIVER_PACKAGE.test(name)) continue;
          const what = /^cuda(-runtime)?(-\d+-\d+)?$/.test(name) ? 'the CUDA meta-package, which pulls in the NVIDIA driver,' : 'an NVIDIA driver package';
          ctx.report({ at: word, message: `${parsed.manager} installs "${name}", ${what} into the image; containers use the host's driver: install cuda-toolkit-X-Y (or start from an nvidia/cuda image) instead` });
        }
      }
    },
  },
});
