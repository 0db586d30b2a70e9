import { defineRule } from '../../src/engine/rule.js';

const ONLY_LAST_COUNTS = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export default defineRule({
  meta: {
    id: 'multiple-instructions-disallowed',
    title: 'More than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in a stage',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: [
      'MultipleInstructionsDisallowed',
      'DL4003',
      'DL4004',
      'DL3012',
      'DS016',
      'DS-0016',
      'AVD-DS-0016',
      'DS007',
      'DS-0007',
      'AVD-DS-0007',
      'DS023',
      'DS-0023',
      'AVD-DS-0023',
    ],
    rationale:
      'Only the last `CMD`, `ENTRYPOINT` or `HEALTHCHECK` of a stage takes effect; the earlier ones are dead code that readers take for the real command. Often two commands were meant to run together, and one of them never does.',
    remediation:
      'Keep one of each per stage. To run several processes, use a script or a process supervisor as the single ENTRYPOINT; to change the command, edit the one that exists. Like Docker, every stage is checked, build stages included, since `docker build --target` can make any stage the image (KICS checks the final stage only).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM python:3.12-slim\nCMD ["python", "migrate.py"]\nCMD ["python", "app.py"]\n',
        good: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/',
      'https://github.com/hadolint/hadolint/wiki/DL4003',
      'https://github.com/hadolint/hadolint/wiki/DL4004',
    ],
  },
  handlers: {
    'dockerfile:stage': (stage, ctx) => {
      for (const keyword of ONLY_LAST_COUNTS) {
        const all = stage.instructions.filter((i) => i.keyword === keyword && !i.onbuild);
        const last = all.at(-1);
        if (!last) continue;
        for (const earlier of all.slice(0, -1)) {
          ctx.report({
            at: earlier.keywordNode,
            message: `${keyword} on line ${earlier.span.line} has no effect: the ${keyword} on line ${last.span.line} of the same stage replaces it`,
          });
        }
      }
    },
  },
});
