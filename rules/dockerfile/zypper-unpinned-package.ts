import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'zypper-unpinned-package',
    title: 'Package installed with zypper is not pinned to a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3037'],
    rationale:
      'Without a version, `zypper install httpd` installs whatever the repositories hold on the day of the build, so rebuilds of the same Dockerfile can differ.',
    remediation:
      'Pin the version: `zypper install -y httpd=2.4.58` (or a range such as `"httpd>=2.4"`). `.rpm` files, paths, patterns/patches (`-t pattern`) and packages named by a variable are not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM opensuse/leap:15.5\nRUN zypper install -y httpd && zypper clean\n',
        good: 'FROM opensuse/leap:15.5\nRUN zypper install -y httpd=2.4.58 && zypper clean\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3037'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['zypper']),
  },
});
