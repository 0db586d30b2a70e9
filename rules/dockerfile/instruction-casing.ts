import { replaceNode } from '../../src/model/edits.js';
import { defineRule } from '../../src/engine/rule.js';

const isLower = (s: string): boolean => s === s.toLowerCase();
const isUpper = (s: string): boolean => s === s.toUpperCase();

export default defineRule({
  meta: {
    id: 'instruction-casing',
    title: 'Instruction keyword casing differs from the rest of the file',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['ConsistentInstructionCasing'],
    rationale:
      "Instruction keywords are case-insensitive, but a file that mixes `FROM` and `run`, or writes `Copy`, is harder to read and to search. Docker's build checks warn about it as ConsistentInstructionCasing.",
    remediation:
      'Write every keyword in the case most of the file uses (usually upper case: `RUN`, `COPY`). Like Docker, k8slint takes the majority of self-consistent keywords as the norm; a tie counts as upper case.',
    examples: [
      { lang: 'dockerfile', bad: 'FROM alpine:3.20\nrun echo hello\nCMD ["sh"]\n', good: 'FROM alpine:3.20\nRUN echo hello\nCMD ["sh"]\n' },
    ],
    fixable: 'safe',
    references: ['https://docs.docker.com/reference/build-checks/consistent-instruction-casing/'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const top = model.instructions.filter((i) => !i.onbuild);
      let lower = 0;
      let upper = 0;
      for (const i of top) {
        if (isLower(i.written)) lower++;
        else if (isUpper(i.written)) upper++;
      }
      const majorityLower = lower > upper;
      for (const i of top) {
        const wrong = majorityLower ? !isLower(i.written) : !isUpper(i.written);
        if (!wrong) continue;
        const expected = majorityLower ? i.written.toLowerCase() : i.written.toUpperCase();
        // FROM's `AS` follows the keyword's case (from-as-casing), so it changes with it.
        const as = i.keyword === 'FROM' && i.args.length >= 3 && i.args[1]?.value.toLowerCase() === 'as' ? i.args[1] : undefined;
        const asWritten = majorityLower ? 'as' : 'AS';
        ctx.report({
          fix: {
            safety: 'safe',
            description: `write ${expected}`,
            edits: [replaceNode(i.keywordNode, expected), ...(as && as.value !== asWritten ? [replaceNode(as, asWritten)] : [])],
          },
          at: i.keywordNode,
          message: `instruction "${i.written}" is not written "${expected}" like the ${majorityLower ? 'lower' : 'upper'}-case majority of this file`,
        });
      }
    },
  },
});
