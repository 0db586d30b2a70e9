import { defineRule } from '../../src/engine/rule.js';
import { hasCacheMount } from '../_lib/packages.js';
import { baseName, commandsOf, subcommand, type EffectiveCommand } from '../_lib/shell.js';

const CONDA = new Set(['conda', 'mamba', 'micromamba']);
const INSTALLS = new Set(['install', 'create', 'update', 'upgrade']);

function condaAction(command: EffectiveCommand): string | undefined {
  if (!CONDA.has(baseName(command.name) ?? '')) return undefined;
  const first = subcommand(command)?.value;
  if (first === 'env') {
    const rest = command.words.slice(command.words.findIndex((w) => w.value === 'env') + 1).find((w) => w.value !== undefined && !w.value.startsWith('-'));
    return rest?.value === 'create' || rest?.value === 'update' ? `env ${rest.value}` : undefined;
  }
  return first;
}

export default defineRule({
  meta: {
    id: 'ml-docker-conda-clean',
    title: 'conda/mamba install without cleaning the package cache in the same RUN',
    severity: 'info',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: '`conda install` (and `mamba`, `micromamba`) keeps every downloaded package tarball and its extracted copy in the package cache (`/opt/conda/pkgs`). For ML stacks (PyTorch, CUDA libraries, cuDNN) that is gigabytes, and a cleanup in a later RUN does not shrink the layer the install wrote. The conda documentation\'s `conda clean --all` removes the tarballs, index cache and unused packages.',
    remediation: 'End the same RUN with `conda clean -afy` (`mamba clean -afy`, `micromamba clean --all --yes`), or use a BuildKit cache mount on the package directory (`RUN --mount=type=cache,target=/opt/conda/pkgs`).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM continuumio/miniconda3:24.7.1-0\nRUN conda install -y -c pytorch pytorch==2.4.0\n',
        good: 'FROM continuumio/miniconda3:24.7.1-0\nRUN conda install -y -c pytorch pytorch==2.4.0 && conda clean -afy\n',
      },
    ],
    references: ['https://docs.conda.io/projects/conda/en/latest/commands/clean.html', 'https://mamba.readthedocs.io/en/latest/user_guide/micromamba.html'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      const commands = commandsOf(model, run);
      if (hasCacheMount(run, ['/opt/conda/pkgs', '*/conda/pkgs', '*/.conda/pkgs', '*/micromamba/pkgs', '*/.cache/mamba'])) return;
      const cleans = commands.some((c) => CONDA.has(baseName(c.name) ?? '') && subcommand(c)?.value === 'clean');
      if (cleans) return;
      for (const command of commands) {
        const action = condaAction(command);
        if (!action || !(INSTALLS.has(action) || action.startsWith('env '))) continue;
        const name = baseName(command.name) ?? 'conda';
        ctx.report({ at: command, message: `\`${name} ${action}\` leaves downloaded packages in the conda package cache of this layer: add \`&& ${name === 'micromamba' ? 'micromamba clean --all --yes' : `${name} clean -afy`}\` to the same RUN` });
        return;
      }
    },
  },
});
