import { defineRule } from '../../src/engine/rule.js';
import { closest } from '../../src/util/closest.js';

/** Flags of the current Dockerfile frontend (1.x, labs flags included). */
const FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export default defineRule({
  meta: {
    id: 'unknown-instruction-flag',
    title: 'Unknown flag on an instruction',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'The builder rejects a flag it does not know (`COPY --chmown`, `RUN --mnt`), so the build fails. k8slint reports the flag and goes on linting the rest of the file, instead of refusing the whole file as hadolint does with new BuildKit syntax.',
    remediation: 'Fix the spelling (the message suggests the closest flag of the instruction). If the flag is new in BuildKit and k8slint does not know it yet, raise the `# syntax=` frontend version and report it to k8slint; disable this rule for the line meanwhile.',
    examples: [{ lang: 'dockerfile', bad: 'FROM alpine:3.20\nCOPY --chmown=app:app app /app\n', good: 'FROM alpine:3.20\nCOPY --chown=app:app app /app\n' }],
    references: ['https://docs.docker.com/reference/dockerfile/'],
    fix: 'none',
  },
  handlers: {
    dockerfile: (model, ctx) => {
      for (const instruction of model.instructions) {
        const known = FLAGS[instruction.keyword];
        if (!known) continue;
        for (const flag of instruction.flags) {
          if (known.includes(flag.name)) continue;
          const suggestion = closest(flag.name, known);
          ctx.report({ at: flag, message: `${instruction.keyword} has no flag "--${flag.name}"${suggestion ? ` (did you mean "--${suggestion}"?)` : ''}` });
        }
      }
    },
  },
});
