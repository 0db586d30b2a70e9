import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'stage-name-casing',
    title: 'Stage name is not lower case',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['StageNameCasing'],
    rationale:
      "BuildKit compares stage names case-insensitively and shows them lower-cased, so `FROM node AS Builder` is referenced as `builder` in `COPY --from` and `--target`. A name written in another case invites references that look different from the definition. Docker's build checks warn about it as StageNameCasing.",
    remediation: 'Write stage names in lower case: `FROM node:22 AS builder`.',
    examples: [{ lang: 'dockerfile', bad: 'FROM node:22 AS Builder\n', good: 'FROM node:22 AS builder\n' }],
    references: ['https://docs.docker.com/reference/build-checks/stage-name-casing/'],
  },
  handlers: {
    'dockerfile:FROM': (from, ctx) => {
      const [, as, name] = from.args;
      if (from.onbuild || !as || !name || as.value.toLowerCase() !== 'as') return;
      if (name.value === name.value.toLowerCase()) return;
      ctx.report({ at: name, message: `stage name "${name.value}" is not lower case ("${name.value.toLowerCase()}")` });
    },
  },
});
