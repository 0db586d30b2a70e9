import { defineRule } from '../../src/engine/rule.js';
import { commandsOf } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'cd-instead-of-workdir',
    title: '`cd` in a RUN instead of WORKDIR',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3003', 'DS013', 'DS-0013', 'AVD-DS-0013'],
    rationale:
      'A `cd` lasts only until the end of its RUN, so the next instructions silently run somewhere else, and the directory a command runs in is hidden inside a shell string. WORKDIR states it once for every later instruction and creates the directory.',
    remediation:
      'Use `WORKDIR /path` before the RUN. A `cd` into a directory that exists only within the RUN (an unpacked source tree) is a legitimate use: suppress it with a reason, or keep the rule off (it is a preview rule for that reason). A RUN that is only `cd` is reported too.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nRUN cd /app && make\n', good: 'FROM debian:12\nWORKDIR /app\nRUN make\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3003'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const c of commandsOf(model, run)) {
        const [first, second] = c.words;
        if (c.name !== 'cd' || !first) continue;
        const target = second?.value;
        ctx.report({
          at: first,
          message: target ? `\`cd ${target}\` changes the directory for this RUN only` : '`cd` changes the directory for this RUN only',
        });
      }
    },
  },
});
