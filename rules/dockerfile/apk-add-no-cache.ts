import { actionWords, addFlagFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { hasOpt, removes } from '../_lib/packages.js';
import { reportUncleaned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'apk-add-no-cache',
    title: '`apk add` without `--no-cache`',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3019', 'DS025', 'DS-0025', 'AVD-DS-0025'],
    rationale:
      '`apk add` keeps the package index in /var/cache/apk. Left in a layer, it makes the image larger for nothing the container needs.',
    remediation:
      'Use `apk add --no-cache …`, or remove /var/cache/apk/* in the same RUN, or mount a cache (`RUN --mount=type=cache,target=/var/cache/apk …`). `apk add --no-network` (installs from what is already there, downloads nothing) is not reported. Only stages that end up in the image are checked.',
    examples: [
      { lang: 'dockerfile', bad: 'FROM alpine:3.19\nRUN apk add curl\n', good: 'FROM alpine:3.19\nRUN apk add --no-cache curl\n' },
    ],
    fixable: 'safe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3019'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) =>
      reportUncleaned(run, ctx, model, {
        managers: ['apk'],
        cacheDirs: ['/var/cache/apk', '/etc/apk/cache'],
        isTrigger: (p) => p.action === 'add' && !hasOpt(p, '--no-cache', '--no-network'),
        cleaned: (commands) => removes(commands, /^\/var\/cache\/apk(\/\*?)?$/),
        message: () => '`apk add` runs without `--no-cache` and leaves the package index in /var/cache/apk',
        fix: (triggers) => addFlagFix(run, actionWords(triggers), '--no-cache'),
      }),
  },
});
