import { defineRule } from '../../src/engine/rule.js';
import { flagValue } from '../_lib/copy.js';

export default defineRule({
  meta: {
    id: 'copy-from-own-stage',
    title: '`COPY --from` names the stage it is in',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3023', 'DS006', 'DS-0006', 'AVD-DS-0006'],
    rationale:
      'A stage cannot copy from itself: its own filesystem is not finished while it is being built, and BuildKit fails with a circular dependency.',
    remediation:
      'Copy from the stage that produced the files (`COPY --from=build …` in a later stage), or use a plain `COPY`/`RUN cp` within the stage.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM golang:1.22 AS build\nCOPY --from=build /src /src\n',
        good: 'FROM golang:1.22 AS build\nFROM alpine:3.19\nCOPY --from=build /src /src\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3023'],
  },
  handlers: {
    'dockerfile:COPY': (copy, ctx) => {
      const from = flagValue(copy, 'from');
      const stage = copy.stage;
      if (!from || !stage || copy.onbuild) return;
      const v = from.value.toLowerCase();
      if ((stage.name !== undefined && v === stage.name) || v === String(stage.index))
        ctx.report({ at: from, message: `COPY --from=${from.value} names the stage it is in` });
    },
  },
});
