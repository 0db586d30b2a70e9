import { defineRule } from '../../src/engine/rule.js';
import type { DockerInstruction } from '../../src/model/dockerfile.js';
import { commandsOf } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'consecutive-run',
    title: 'Consecutive RUN instructions that could be one',
    severity: 'info',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3059'],
    rationale: 'Each RUN makes a layer. Short consecutive RUNs with the same options could be one RUN, giving fewer layers, and files deleted in the same RUN they were created in never reach the image. Splitting RUNs also has benefits (build cache reuse, readable diffs), so this is a preview rule, off by default.',
    remediation: 'Join the commands with `&&` in one RUN (or use a heredoc: `RUN <<EOF … EOF`). Like hadolint, only RUNs of a single command are reported: when either RUN already chains commands (`a && b`, `a; b`) it is not, or when their flags (`--mount`, `--network`) differ.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nRUN mkdir /app\nRUN chown app /app\n', good: 'FROM debian:12\nRUN mkdir /app && chown app /app\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3059'],
  },
  handlers: {
    'dockerfile:stage': (stage, ctx, model) => {
      let previous: DockerInstruction | undefined;
      for (const inst of stage.instructions) {
        if (inst.onbuild) continue;
        if (inst.keyword !== 'RUN') {
          if (inst.keyword !== 'ONBUILD') previous = undefined;
          continue;
        }
        if (previous && sameFlags(previous, inst) && commandsOf(model, previous).length === 1 && commandsOf(model, inst).length === 1 && !model.shellOf(inst).skipped) {
          ctx.report({ at: inst.keywordNode, message: `RUN follows the RUN on line ${previous.span.line} with the same flags; the two could be one layer` });
        }
        previous = inst;
      }
    },
  },
});

function sameFlags(a: DockerInstruction, b: DockerInstruction): boolean {
  const key = (i: DockerInstruction): string => i.flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
  return key(a) === key(b);
}
