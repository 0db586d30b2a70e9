import { defineRule } from '../../src/engine/rule.js';
import { instructionsBefore } from '../_lib/dockerfile.js';

/** Absolute (`/app`), Windows (`C:\app`, `C:/app`) or starting with a variable that may hold either. */
const ABSOLUTE = /^(["']?)(\/|[A-Za-z]:[\\/]|\$)/;

export default defineRule({
  meta: {
    id: 'workdir-relative-path',
    title: 'Relative `WORKDIR` before any absolute one',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['WorkdirRelativePath', 'DL3000', 'DS009', 'DS-0009', 'AVD-DS-0009', 'CKV_DOCKER_10'],
    rationale: 'A relative `WORKDIR` is resolved against the working directory of the base image, which the Dockerfile does not show and which can change when the base image is updated. Files then land in a different place than the rest of the Dockerfile expects.',
    remediation: 'Use an absolute path (`WORKDIR /app`), or set an absolute WORKDIR earlier in the stage; a relative WORKDIR after an absolute one is fine (this follows Docker\'s WorkdirRelativePath, which is narrower than hadolint\'s DL3000). Paths starting with a variable are not judged.',
    examples: [{ lang: 'dockerfile', bad: 'FROM node:22-slim\nWORKDIR app\n', good: 'FROM node:22-slim\nWORKDIR /app\nWORKDIR src\n' }],
    references: ['https://docs.docker.com/reference/build-checks/workdir-relative-path/', 'https://github.com/hadolint/hadolint/wiki/DL3000'],
    fix: 'none',
  },
  handlers: {
    'dockerfile:WORKDIR': (workdir, ctx) => {
      if (workdir.onbuild) return;
      const path = workdir.args[0];
      if (!path || ABSOLUTE.test(path.value)) return;
      const earlier = instructionsBefore(workdir).some((i) => i.keyword === 'WORKDIR' && i.args[0] !== undefined && ABSOLUTE.test(i.args[0].value));
      if (earlier) return;
      ctx.report({ at: path, message: `WORKDIR "${path.value}" is relative and no absolute WORKDIR comes before it in the stage` });
    },
  },
});
