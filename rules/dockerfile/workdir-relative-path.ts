import { defineRule } from '../../src/engine/rule.js';

/** Absolute (`/app`), Windows (`C:\app`, `C:/app`) or starting with a variable that may hold either. */
// `C:\` loses its backslash to the default escape character (Docker reads `C:`), so a drive letter alone marks a Windows path.
const ABSOLUTE = /^(["']?)(\/|[A-Za-z]:|\$)/;

export default defineRule({
  meta: {
    id: 'workdir-relative-path',
    title: 'First `WORKDIR` of a stage is relative',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['WorkdirRelativePath', 'DL3000', 'DS009', 'DS-0009', 'AVD-DS-0009', 'CKV_DOCKER_10'],
    rationale: 'A relative `WORKDIR` is resolved against the working directory of the base image, which the Dockerfile does not show and which can change when the base image is updated. Files then land in a different place than the rest of the Dockerfile expects.',
    remediation: 'Use an absolute path (`WORKDIR /app`), or set an absolute WORKDIR earlier in the stage. Like Docker\'s WorkdirRelativePath, only the first WORKDIR of a stage (and of the stages it is built from) is judged, since fixing it fixes the ones after it; hadolint\'s DL3000 and KICS report every relative WORKDIR. Paths starting with a variable are not judged.',
    examples: [{ lang: 'dockerfile', bad: 'FROM node:22-slim\nWORKDIR app\n', good: 'FROM node:22-slim\nWORKDIR /app\nWORKDIR src\n' }],
    references: ['https://docs.docker.com/reference/build-checks/workdir-relative-path/', 'https://github.com/hadolint/hadolint/wiki/DL3000'],
  },
  handlers: {
    'dockerfile:WORKDIR': (workdir, ctx, model) => {
      if (workdir.onbuild) return;
      const path = workdir.args[0];
      if (!path || ABSOLUTE.test(path.value) || /^["']?\.\/?["']?$/.test(path.value)) return; // `WORKDIR .` changes nothing
      // Like Docker, only the first WORKDIR of a stage (or of the stages it is built from) is judged: fixing it fixes the rest.
      if (model.hasBefore('WORKDIR', workdir)) return;
      ctx.report({ at: path, message: `WORKDIR "${path.value}" is relative and is the first WORKDIR of the stage, so it depends on the base image's working directory` });
    },
  },
});
