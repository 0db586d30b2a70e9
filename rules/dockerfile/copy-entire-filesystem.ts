import { defineRule } from '../../src/engine/rule.js';
import { flagValue } from '../_lib/copy.js';

const unquote = (text: string): string => text.replace(/^(["'])(.*)\1$/, '$2');

export default defineRule({
  meta: {
    id: 'copy-entire-filesystem',
    title: 'COPY --from copies a whole filesystem onto `/`',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3067'],
    rationale:
      '`COPY --from=<stage or image> / /` lays the whole root filesystem of the source over this stage: its `/etc/passwd`, `/etc/group`, package database, libraries and shell replace this stage\'s own, so users created here disappear and the image mixes two distributions. It also brings everything the source contains (compilers, caches, secrets left in build stages), which is what a multi-stage build is meant to leave behind.',
    remediation: 'Copy only what the stage needs: `COPY --from=build /out/app /usr/local/bin/app`, or the directories of a tool (`COPY --from=docker /usr/local/bin/docker /usr/local/bin/`). To flatten an image on purpose, build `FROM` it instead.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM debian:12-slim\nCOPY --from=build / /\n',
        good: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM debian:12-slim\nCOPY --from=build /out/app /usr/local/bin/app\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3067', 'https://docs.docker.com/build/building/multi-stage/'],
  },
  handlers: {
    'dockerfile:COPY': (copy, ctx) => {
      const from = flagValue(copy, 'from');
      const ops = copy.copyOperands;
      if (!from || !ops || unquote(ops.dest.value) !== '/') return;
      const root = ops.sources.find((s) => unquote(s.value) === '/');
      if (!root) return;
      ctx.report({ at: root, message: `COPY --from=${from.value} copies the whole filesystem of "${from.value}" onto / and replaces this stage's own files` });
    },
  },
});
