import { defineRule } from '../../src/engine/rule.js';
import { removes } from '../_lib/packages.js';
import { reportUncleaned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'zypper-cache-not-cleaned',
    title: '`zypper install` without `zypper clean` in the same RUN',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3036', 'DS020', 'DS-0020', 'AVD-DS-0020'],
    rationale:
      'zypper keeps downloaded packages and metadata in /var/cache/zypp. Unless the same RUN cleans it, the cache stays in that layer of the image.',
    remediation:
      'End the RUN with `&& zypper clean` (or `zypper cc`), or mount a cache on /var/cache/zypp. Only stages that end up in the image are checked.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM opensuse/leap:15.5\nRUN zypper install -y httpd=2.4.58\n',
        good: 'FROM opensuse/leap:15.5\nRUN zypper install -y httpd=2.4.58 && zypper clean\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3036'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) =>
      reportUncleaned(run, ctx, model, {
        managers: ['zypper'],
        cacheDirs: ['/var/cache/zypp'],
        cleaned: (commands, packages) =>
          packages.some((p) => p.manager === 'zypper' && (p.action === 'clean' || p.action === 'cc')) ||
          removes(commands, /^\/var\/cache\/zypp(\/\*?)?$/),
        message: (p) => `\`zypper ${p.action}\` leaves its cache in /var/cache/zypp: this RUN does not run \`zypper clean\``,
      }),
  },
});
