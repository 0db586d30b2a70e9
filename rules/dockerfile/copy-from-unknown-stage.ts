import { defineRule } from '../../src/engine/rule.js';
import { flagValue } from '../_lib/copy.js';

export default defineRule({
  meta: {
    id: 'copy-from-unknown-stage',
    title: '`COPY --from` names no earlier stage',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3022'],
    rationale:
      '`COPY --from=name` takes a stage defined earlier in the Dockerfile or an image reference. A bare name that is no earlier stage is pulled as an image from Docker Hub: usually a misspelt stage name, or a stage defined later, which BuildKit cannot use.',
    remediation:
      'Name a stage defined above (`FROM golang:1.22 AS build` … `COPY --from=build …`), or write the image with a tag (`COPY --from=busybox:1.36 …`). References with a tag, digest, registry or variable are not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM golang:1.22 AS build\nFROM alpine:3.19\nCOPY --from=builder /out/app /app\n',
        good: 'FROM golang:1.22 AS build\nFROM alpine:3.19\nCOPY --from=build /out/app /app\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3022'],
  },
  handlers: {
    'dockerfile:COPY': (copy, ctx, model) => {
      const from = flagValue(copy, 'from');
      if (!from || !copy.stage || copy.onbuild || from.value.includes('$') || /[:/@]/.test(from.value)) return;
      const name = from.value.toLowerCase();
      const index = copy.stage.index;
      if (/^\d+$/.test(name)) {
        if (Number(name) >= index)
          ctx.report({
            at: from,
            message: `COPY --from=${from.value} refers to stage ${name}, which is not defined before stage ${index}`,
          });
        return;
      }
      if (model.stages.slice(0, index).some((s) => s.name === name) || name === copy.stage.name) return;
      const later = model.stages.slice(index + 1).find((s) => s.name === name);
      ctx.report({
        at: from,
        message: later
          ? `COPY --from=${from.value} refers to a stage defined later (line ${later.from.span.line})`
          : `COPY --from=${from.value} names no stage defined before it and will be pulled as an image`,
      });
    },
  },
});
