import { defineRule, INSTRUCTIONS } from '../../src/engine/rule.js';
import { closest } from '../../src/util/closest.js';

const KNOWN = new Set<string>(INSTRUCTIONS);

export default defineRule({
  meta: {
    id: 'unknown-instruction',
    title: 'Unknown instruction',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'The builder stops at an instruction it does not know (`COPPY`, `EXPOSES`). A misspelt keyword is also often the sign of a missing `\\` at the end of the previous line, which turns the next line of a command into an instruction of its own.',
    remediation:
      'Fix the spelling (the message suggests the closest instruction), or join the line to the previous instruction with a trailing `\\`.',
    examples: [{ lang: 'dockerfile', bad: 'FROM alpine:3.20\nCOPPY app /app\n', good: 'FROM alpine:3.20\nCOPY app /app\n' }],
    references: ['https://docs.docker.com/reference/dockerfile/#overview'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      for (const instruction of model.instructions) {
        if (KNOWN.has(instruction.keyword)) continue;
        const suggestion = closest(instruction.keyword, INSTRUCTIONS);
        ctx.report({
          at: instruction.keywordNode,
          message: `"${instruction.written}" is not a Dockerfile instruction${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        });
      }
    },
  },
});
