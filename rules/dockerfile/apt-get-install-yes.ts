import { addFlagFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { covering } from '../../src/model/parts.js';
import { baseName, commandsOf, hasOption, subcommand } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'apt-get-install-yes',
    title: '`apt-get install` without `-y`',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3014', 'DS021', 'DS-0021', 'AVD-DS-0021'],
    rationale:
      '`apt-get install` asks for confirmation before installing. A build has no terminal to answer, so the command aborts and the build fails, or hangs, depending on the builder.',
    remediation:
      'Add `-y` (or `--yes`, `--assume-yes`, `-qq`): `apt-get install -y --no-install-recommends curl`. A simulation (`-s`, `--dry-run`) asks nothing and is not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update && apt-get install curl\n',
        good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      },
    ],
    fixable: 'safe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3014'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const command of commandsOf(model, run)) {
        if (baseName(command.name) !== 'apt-get') continue;
        const sub = subcommand(command);
        if (sub?.value !== 'install') continue;
        if (hasOption(command, ['y'], ['--yes', '--assume-yes']) || isQuietTwice(command.words.map((w) => w.value ?? ''))) continue;
        // A simulation installs nothing and asks nothing (`apt-get install -s pkg` probes availability).
        if (hasOption(command, ['s'], ['--simulate', '--just-print', '--dry-run', '--recon', '--no-act'])) continue;
        const fix = addFlagFix(run, [sub], '-y');
        ctx.report({
          ...(fix && { fix }),
          at: covering(command.words[0] ?? command, sub),
          message: '`apt-get install` runs without `-y` and will wait for a confirmation no one can give',
        });
      }
    },
  },
});

/** Quiet level 2 (`-qq`, `-q -q`, `--quiet --quiet`, `-q=2`) implies `-y` for apt-get. */
function isQuietTwice(words: string[]): boolean {
  let level = 0;
  for (const w of words) {
    const explicit = /^(?:-q|--quiet)=(\d+)$/.exec(w);
    if (explicit) level = Math.max(level, Number(explicit[1]));
    else if (w === '--quiet') level++;
    else if (/^-[a-zA-Z]+$/.test(w)) level += (w.match(/q/g) ?? []).length;
  }
  return level >= 2;
}
