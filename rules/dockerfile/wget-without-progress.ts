import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';

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
    remediation: 'Add `--progress=dot:giga`, `-q`/`--quiet`, `-nv`/`--no-verbose`, or send the log to a file with `-o`/`-a`.',
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
