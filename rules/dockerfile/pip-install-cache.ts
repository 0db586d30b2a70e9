import { actionWords, addFlagFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { hasOpt, removes } from '../_lib/packages.js';
import { reportUncleaned } from '../_lib/package-rules.js';
import { commandsOf, type EffectiveCommand } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'pip-install-cache',
    title: '`pip install` without `--no-cache-dir`',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3042'],
    rationale:
      'pip keeps every downloaded wheel in ~/.cache/pip. In an image nothing reads that cache again, so it only makes the layer larger (often by hundreds of megabytes for ML packages).',
    remediation:
      'Add `--no-cache-dir`, or set `ENV PIP_NO_CACHE_DIR=1` (pip also reads `off`/`false` there as "no cache"), or mount a cache (`RUN --mount=type=cache,target=/root/.cache/pip …`), or `pip cache purge` / remove ~/.cache/pip in the same RUN. Only stages that end up in the image are checked. Differences from hadolint: `PIP_NO_CACHE_DIR=0` (or `false`, `off`, `no`) is not reported, since pip reads any value of that variable as "no cache" for compatibility; hadolint reports those values.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM python:3.12\nRUN pip install -r requirements.txt\n',
        good: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n',
      },
    ],
    fixable: 'safe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3042'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      const envSet = model.declarationsBefore('PIP_NO_CACHE_DIR', run).some((d) => !!d.value);
      if (envSet || commandsOf(model, run).some(exportsNoCache)) return;
      const cacheDir = model.resolve('$PIP_CACHE_DIR', run);
      reportUncleaned(run, ctx, model, {
        managers: ['pip'],
        cacheDirs: ['*/.cache/pip', '*/.cache', ...(cacheDir.complete ? [cacheDir.value] : [])],
        // `uv pip` caches in ~/.cache/uv and takes `--no-cache`: not this rule's business.
        isTrigger: (p) => p.tool !== 'uv' && p.action === 'install' && !hasOpt(p, '--no-cache-dir') && !setsNoCache(p.command),
        cleaned: (commands, packages) =>
          packages.some((p) => p.action === 'cache' && p.operands[0]?.value === 'purge') || removes(commands, /\.cache(\/pip)?\/?(\*)?$/),
        message: () => '`pip install` runs without `--no-cache-dir` and leaves the downloaded wheels in ~/.cache/pip',
        fix: (triggers) => addFlagFix(run, actionWords(triggers), '--no-cache-dir'),
      });
    },
  },
});

function setsNoCache(command: EffectiveCommand): boolean {
  return command.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR' && a.value !== '');
}

function exportsNoCache(command: EffectiveCommand): boolean {
  return command.name === 'export' && command.words.some((w) => /^PIP_NO_CACHE_DIR=./.test(w.value ?? ''));
}
