import { defineRule } from '../../src/engine/rule.js';
import type { DockerInstruction } from '../../src/model/dockerfile.js';
import { chainInstructions, finalChain } from '../_lib/dockerfile.js';
import { parseImageRef } from '../_lib/image.js';
import { isInstall, literalOperands, packageCommandsOf } from '../_lib/packages.js';

/** Base images of ML frameworks (their final stages run Python training or serving code). */
const ML_BASE = /^(?:pytorch\/pytorch|tensorflow\/tensorflow|rayproject\/ray(?:-ml)?|nvidia\/(?:pytorch|tensorflow|nemo|jax))$/;
/** pip packages that make an image an ML image. */
const ML_PACKAGES = /^(?:torch|tensorflow|tensorflow-cpu|jax|transformers|vllm|accelerate|deepspeed|lightning|pytorch-lightning)(?:[=<>~![;].*)?$/i;
/** Launchers that run Python code as the container's main process. */
const PYTHON_LAUNCHER = /^(?:.*\/)?(?:python[\d.]*|torchrun|accelerate|deepspeed)$/;

/** argv of CMD/ENTRYPOINT: exec form strings, or the words of the shell form. */
function argv(instruction: DockerInstruction): string[] {
  return instruction.execForm.length > 0 ? instruction.execForm.map((s) => s.value) : instruction.args.map((a) => a.value);
}

export default defineRule({
  meta: {
    id: 'ml-docker-python-env',
    title: 'ML image whose Python output is buffered, or that sets the deprecated TRANSFORMERS_CACHE',
    severity: 'info',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'When stdout is not a terminal, as in a container, Python buffers it: the last lines a training or serving process printed before it was OOM-killed, preempted or crashed never reach `kubectl logs`. The Python documentation\'s remedy is `PYTHONUNBUFFERED` (any non-empty value) or `python -u`; JobSet\'s PyTorch example sets it for this reason. Separately, Transformers deprecated `TRANSFORMERS_CACHE` ("will be removed in v5 of Transformers. Use `HF_HOME` instead"), so an image that sets it will silently download weights to the default cache once it upgrades.',
    remediation: 'Add `ENV PYTHONUNBUFFERED=1` (and `PYTHONDONTWRITEBYTECODE=1` for read-only root filesystems) to ML images whose ENTRYPOINT or CMD runs Python, or start it with `python -u`; replace `ENV TRANSFORMERS_CACHE=…` with `ENV HF_HOME=…`. Only final images built on a framework base (pytorch/pytorch, tensorflow/tensorflow, NGC frameworks, Ray) or pip-installing ML frameworks are judged.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\nCOPY train.py /app/\nCMD ["python", "/app/train.py"]\n',
        good: 'FROM pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime\nENV PYTHONUNBUFFERED=1\nCOPY train.py /app/\nCMD ["python", "/app/train.py"]\n',
      },
    ],
    references: ['https://docs.python.org/3/using/cmdline.html#envvar-PYTHONUNBUFFERED', 'https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables', 'https://github.com/kubernetes-sigs/jobset/tree/main/examples/pytorch'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const chain = finalChain(model);
      const root = chain[0];
      const last = chain[chain.length - 1];
      if (!root || !last) return;
      const instructions = chainInstructions(last);
      for (const env of instructions.filter((i) => i.keyword === 'ENV')) {
        for (const property of env.properties.filter((p) => p.key === 'TRANSFORMERS_CACHE')) {
          ctx.report({ at: property.nameNode, message: 'TRANSFORMERS_CACHE is deprecated and will be ignored from Transformers v5: set HF_HOME (or HF_HUB_CACHE) instead' });
        }
      }
      const repository = root.image.fullyResolved ? parseImageRef(root.image.resolved).repository.toLowerCase() : '';
      const mlImage = ML_BASE.test(repository) || instructions.some((i) => i.keyword === 'RUN' && packageCommandsOf(model, i)
        .some((p) => p.manager === 'pip' && isInstall(p) && literalOperands(p).some((w) => ML_PACKAGES.test(w.value))));
      if (!mlImage) return;
      const entrypoint = [...instructions].reverse().find((i) => i.keyword === 'ENTRYPOINT');
      const cmd = [...instructions].reverse().find((i) => i.keyword === 'CMD');
      const main = entrypoint ?? cmd;
      if (!main) return;
      const words = argv(main);
      const program = words[0] ?? '';
      if (!PYTHON_LAUNCHER.test(program) || words.includes('-u')) return;
      if (model.declaredBefore('PYTHONUNBUFFERED', main)) return;
      ctx.report({ at: main.keywordNode, message: `${main.keyword} runs ${program.replace(/^.*\//, '')} with buffered output, so the last log lines before an OOM kill or preemption are lost: add ENV PYTHONUNBUFFERED=1 (or python -u)` });
    },
  },
});
