import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'empty-continuation-line',
    title: 'Empty line inside a continued instruction',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['NoEmptyContinuation'],
    rationale:
      'An empty line after a line ending in `\\` does not end the instruction: the builder skips it and joins the next line, so a forgotten `\\` or a stray blank line silently glues what looks like the next instruction into this one. Docker warns (NoEmptyContinuation) and has announced that it will become an error.',
    remediation:
      'Delete the empty line, or end the instruction on the line before it. Comment lines inside a continued instruction are fine.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update \\\n\n    && apt-get install -y curl\n',
        good: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\n',
      },
    ],
    references: ['https://docs.docker.com/reference/build-checks/no-empty-continuation/'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      for (const instruction of model.instructions) {
        if (instruction.onbuild || instruction.span.endLine === instruction.span.line) continue;
        const bodies = model.heredocsOf(instruction).map((h) => h.span);
        const inHeredoc = (line: number): boolean => bodies.some((b) => line >= b.line && line <= b.endLine + 1);
        let continued = false;
        for (let line = instruction.span.line; line <= instruction.span.endLine; line++) {
          const text = model.lines.lineText(line);
          if (inHeredoc(line)) {
            continued = false;
            continue;
          }
          if (text.trim() === '') {
            if (continued)
              ctx.report({
                at: model.parts.lineStart(line),
                message: `empty line ${line} continues the ${instruction.keyword} instruction that starts on line ${instruction.span.line}`,
              });
            continue;
          }
          if (/^\s*#/.test(text) && line !== instruction.span.line) continue;
          continued = text.trimEnd().endsWith(model.escapeChar);
        }
      }
    },
  },
});
