import { defineRule } from '../../src/engine/rule.js';
import { removes } from '../_lib/packages.js';
import { reportUncleaned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'yum-cache-not-cleaned',
    title: '`yum install` without `yum clean all` in the same RUN',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3032', 'DS015', 'DS-0015', 'AVD-DS-0015'],
    rationale:
      'yum keeps downloaded packages and metadata in /var/cache/yum. Unless the same RUN cleans it, the cache stays in that layer of the image.',
    remediation:
      'End the RUN with `&& yum clean all` (or `rm -rf /var/cache/yum`), or mount a cache on /var/cache/yum. Only stages that end up in the image are checked. Commands are parsed, not matched as text: `RUN yum install \\` continued by `yum clean all` on the next line is one `yum install` of the packages yum, clean and all, and is reported (KICS, matching text, accepts it).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
        good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3032'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) =>
      reportUncleaned(run, ctx, model, {
        managers: ['yum'],
        cacheDirs: ['/var/cache/yum'],
        cleaned: (commands, packages) =>
          packages.some(
            (p) => p.manager === 'yum' && p.action === 'clean' && p.operands.some((w) => w.value === 'all' || w.value === 'packages'),
          ) || removes(commands, /^\/var\/cache\/yum(\/\*?)?$/),
        message: (p) => `\`${p.command.name} ${p.action}\` leaves its cache in /var/cache/yum: this RUN does not run \`yum clean all\``,
      }),
  },
});
