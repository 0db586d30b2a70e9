import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'apt-in-dockerfile',
    title: '`apt` used instead of `apt-get`',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3027', 'CKV_DOCKER_9'],
    rationale:
      '`apt` is meant for people at a terminal: its command-line interface is not stable between releases and it warns so itself when its output is not a terminal. Scripts and Dockerfiles should use `apt-get` and `apt-cache`, whose behaviour is stable.',
    remediation: 'Replace `apt` with `apt-get` (`apt-get install -y …`, `apt-get update`) or `apt-cache` (`apt-cache search`).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM ubuntu:24.04\nRUN apt update && apt install -y curl\n',
        good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3027'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const c of commandsOf(model, run)) {
        const [first] = c.words;
        if (first && baseName(c.name) === 'apt')
          ctx.report({
            at: first,
            message: `\`apt${c.words[1]?.value ? ` ${c.words[1].value}` : ''}\` is the interactive front end; its behaviour in scripts is not stable`,
          });
      }
    },
  },
});
