import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'npm-unpinned-package',
    title: 'Package installed with npm is not pinned to a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3016'],
    rationale:
      'Without a version, `npm install -g typescript` installs the newest release on the day of the build, so rebuilds of the same Dockerfile can differ.',
    remediation:
      'Pin the version (`npm install -g typescript@5.4.5`); for git URLs add a `#<ref>` (a git URL without one is reported, as hadolint does; KICS accepts it). `npm install` / `npm ci` with no package (from package.json and the lockfile), tarballs, folders and packages named by a variable are not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM node:20\nRUN npm install -g typescript\n',
        good: 'FROM node:20\nRUN npm install -g typescript@5.4.5\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3016'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['npm']),
  },
});
