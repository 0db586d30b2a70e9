import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';
import type { ShellWord } from '../../src/model/shell.js';

export default defineRule({
  meta: {
    id: 'sudo-in-run',
    title: '`sudo` in a RUN',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3004', 'DS010', 'DS-0010', 'AVD-DS-0010', 'CKV2_DOCKER_1'],
    rationale:
      'sudo has unpredictable TTY and signal-forwarding behaviour and needs a sudoers entry; in a Dockerfile it usually means the image ships sudo and a user allowed to become root, which defeats running as a non-root USER.',
    remediation:
      'Run the privileged steps before switching user (`USER root` … `USER app`), or use `gosu`/`su-exec` in an entrypoint when a step must change user at run time.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nUSER app\nRUN sudo apt-get install -y curl\n',
        good: 'FROM debian:12\nRUN apt-get install -y curl\nUSER app\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3004'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      const seen = new Set<ShellWord>();
      for (const c of commandsOf(model, run)) {
        const words = [
          ...c.via.filter((v) => v.name === 'sudo').map((v) => v.word),
          ...(baseName(c.name) === 'sudo' && c.words[0] ? [c.words[0]] : []),
        ];
        for (const word of words) {
          if (seen.has(word)) continue;
          seen.add(word);
          ctx.report({
            at: word,
            message: c.name && baseName(c.name) !== 'sudo' ? `\`sudo ${c.name}\` runs a command through sudo` : '`sudo` is called in a RUN',
          });
        }
      }
    },
  },
});
