import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'apk-unpinned-package',
    title: 'Package installed with apk is not pinned to a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3018'],
    rationale:
      'Without a version constraint, `apk add curl` installs whatever the Alpine repository holds on the day of the build, so rebuilds of the same Dockerfile can differ.',
    remediation:
      'Pin a version or a range: `apk add --no-cache curl=8.5.0-r0` or `curl~8.5`. Packages named by a variable, `.apk` files and paths are not reported. Alpine drops superseded package versions from its repositories, so exact pins break rebuilds; `~` constraints on the minor version are a common compromise.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM alpine:3.19\nRUN apk add --no-cache curl\n',
        good: 'FROM alpine:3.19\nRUN apk add --no-cache curl=8.5.0-r0\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3018'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['apk']),
  },
});
