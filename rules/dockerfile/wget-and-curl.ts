import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';
import type { ShellWord } from '../../src/model/shell.js';

export default defineRule({
  meta: {
    id: 'wget-and-curl',
    title: 'Both wget and curl are used in one stage',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL4001', 'DS014', 'DS-0014', 'AVD-DS-0014'],
    rationale: 'wget and curl do the same job. Calling both in one stage means both must be installed, which makes the image larger and doubles the tools to patch.',
    remediation: 'Pick one tool for the stage (curl: `curl -fsSLo file URL`; wget: `wget -qO file URL`). Each stage is judged on its own: a builder stage using wget and a final stage using curl is fine. Every call of one tool made after the other tool has appeared in the stage is reported, as hadolint does.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nRUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n', good: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL4001'],
  },
  handlers: {
    'dockerfile:stage': (stage, ctx, model) => {
      const first = new Map<string, ShellWord>();
      const uses: Array<{ tool: string; word: ShellWord }> = [];
      for (const inst of stage.instructions) {
        if (inst.keyword !== 'RUN' || inst.onbuild) continue;
        for (const c of commandsOf(model, inst)) {
          const name = baseName(c.name);
          const [word] = c.words;
          if ((name !== 'wget' && name !== 'curl') || !word) continue;
          if (!first.has(name)) first.set(name, word);
          uses.push({ tool: name, word });
        }
      }
      if (first.size < 2) return;
      // Like hadolint, every call of one tool once the other has appeared is reported, naming where the other is first used.
      const seen = new Set<string>();
      for (const use of uses) {
        const otherTool = use.tool === 'wget' ? 'curl' : 'wget';
        const other = first.get(otherTool);
        if (seen.has(otherTool) && other) {
          ctx.report({ at: use.word, message: `\`${use.tool}\` is used in a stage that also uses \`${otherTool}\` (line ${other.span.line})` });
        }
        seen.add(use.tool);
      }
    },
  },
});
