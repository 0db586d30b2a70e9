import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'instruction-before-from',
    title: 'Instruction other than ARG before the first FROM',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3061'],
    rationale: 'Only ARG (and parser directives and comments) may come before the first FROM; Docker rejects any other instruction there.',
    remediation: 'Move the instruction after the FROM, or make it an ARG if it declares a build argument for the FROM line.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'LABEL maintainer="team@example.com"\nFROM debian:12\n',
        good: 'FROM debian:12\nLABEL maintainer="team@example.com"\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3061'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      for (const inst of model.instructions) {
        if (inst.keyword === 'FROM' && !inst.onbuild) return;
        if (inst.keyword === 'ARG' || inst.onbuild) continue;
        ctx.report({ at: inst.keywordNode, message: `${inst.keyword} comes before the first FROM` });
        return;
      }
    },
  },
});
