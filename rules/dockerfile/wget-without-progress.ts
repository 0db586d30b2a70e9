import { defineRule } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { baseImageUserland } from '../_lib/base-images.js';
import { stageChain } from '../_lib/dockerfile.js';
import { baseName, commandsOf } from '../_lib/shell.js';

/**
 * Whether `wget` in `run` is BusyBox's: the stage chain starts from an Alpine or BusyBox image
 * and no `apk add … wget` up to this RUN replaced the applet with GNU wget. BusyBox wget prints
 * one progress line about once a second and rejects `--progress=dot:giga`.
 */
function busyboxWget(model: DockerfileModel, run: DockerInstruction): boolean {
  if (!run.stage) return false;
  const chain = stageChain(run.stage);
  const root = chain[0];
  if (!root || baseImageUserland(root.image.resolved) !== 'busybox') return false;
  for (const stage of chain)
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'RUN' && !instruction.onbuild && installsGnuWget(model, instruction)) return false;
      if (instruction === run) return true;
    }
  return true;
}

function installsGnuWget(model: DockerfileModel, run: DockerInstruction): boolean {
  return commandsOf(model, run).some(
    (c) => baseName(c.name) === 'apk' && c.words.some((w) => w.value === 'add') && c.words.some((w) => w.value === 'wget'),
  );
}

export default defineRule({
  meta: {
    id: 'wget-without-progress',
    title: '`wget` without `--progress` or `-q` bloats the build log',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3047'],
    rationale:
      'Without a terminal, wget prints a progress line for every few kilobytes it downloads; a large download turns the build log into thousands of lines and hides the output that matters.',
    remediation:
      'Add `--progress=dot:giga`, `-q`/`--quiet`, `-nv`/`--no-verbose`, or send the log to a file with `-o`/`-a`. BusyBox `wget` (Alpine and BusyBox base images, found through the stage chain, unless an `apk add wget` installs GNU wget) prints about one progress line a second and rejects `--progress`, so it is not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN wget https://example.com/model.bin\n',
        good: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/model.bin\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3047'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      if (busyboxWget(model, run)) return;
      for (const c of commandsOf(model, run)) {
        if (baseName(c.name) !== 'wget') continue;
        const quiet = c.words.slice(1).some((w) => {
          const v = w.value ?? '';
          if (/^--(progress|quiet|no-verbose|output-file|append-output)(=|$)/.test(v)) return true;
          if (v === '-nv') return true;
          return /^-[^-n]/.test(v) && /[qoa]/.test(v.slice(1).split('=', 1)[0] ?? '');
        });
        const [first] = c.words;
        if (
          !first ||
          quiet ||
          c.words.length < 2 ||
          c.words.some((w) => w.value === '--version' || w.value === '--help' || w.value === '-V' || w.value === '-h')
        )
          continue;
        ctx.report({
          at: first,
          message: '`wget` runs without `--progress`, `-q` or `-nv` and prints a progress line for every few kilobytes',
        });
      }
    },
  },
});
