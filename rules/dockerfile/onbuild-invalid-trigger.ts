import { defineRule } from '../../src/engine/rule.js';
import type { DockerInstruction } from '../../src/model/dockerfile.js';
import type { RuleContext } from '../../src/engine/rule.js';

function check(trigger: DockerInstruction, ctx: RuleContext): void {
  if (trigger.onbuild) ctx.report({ at: trigger.keywordNode, message: `ONBUILD cannot trigger ${trigger.keyword}` });
}

export default defineRule({
  meta: {
    id: 'onbuild-invalid-trigger',
    title: 'ONBUILD triggers ONBUILD, FROM or MAINTAINER',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3043'],
    rationale:
      'Docker refuses `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`: the image builds, but every build FROM it fails.',
    remediation: 'Remove the trigger, or move the instruction out of ONBUILD.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nONBUILD FROM alpine:3.19\n', good: 'FROM debian:12\nONBUILD COPY . /app/\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3043', 'https://docs.docker.com/reference/dockerfile/#onbuild'],
  },
  handlers: {
    'dockerfile:ONBUILD': check,
    'dockerfile:FROM': check,
    'dockerfile:MAINTAINER': check,
  },
});
