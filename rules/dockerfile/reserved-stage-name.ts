import { defineRule } from '../../src/engine/rule.js';

const RESERVED = new Set(['scratch', 'context']);

export default defineRule({
  meta: {
    id: 'reserved-stage-name',
    title: 'Stage named `scratch` or `context`',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['ReservedStageName', 'DL3063'],
    rationale:
      '`scratch` is the empty base image and `context` names the build context in `COPY --from` and `--build-context`. A stage with one of these names cannot be referenced as that stage: `FROM scratch` still means the empty image.',
    remediation: 'Rename the stage: `FROM alpine:3.20 AS base` instead of `AS scratch`.',
    examples: [{ lang: 'dockerfile', bad: 'FROM alpine:3.20 AS scratch\n', good: 'FROM alpine:3.20 AS base\n' }],
    references: ['https://docs.docker.com/reference/build-checks/reserved-stage-name/'],
  },
  handlers: {
    'dockerfile:FROM': (from, ctx) => {
      const [, as, name] = from.args;
      if (from.onbuild || !as || !name || as.value.toLowerCase() !== 'as') return;
      if (!RESERVED.has(name.value.toLowerCase())) return;
      ctx.report({ at: name, message: `stage name "${name.value}" is reserved by BuildKit` });
    },
  },
});
