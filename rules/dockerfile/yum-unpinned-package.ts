import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'yum-unpinned-package',
    title: 'Package installed with yum is not pinned to a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3033'],
    rationale:
      'Without a version, `yum install httpd` installs whatever the repositories hold on the day of the build, so rebuilds of the same Dockerfile can differ.',
    remediation:
      'Pin the version: `yum install -y httpd-2.4.6`. `.rpm` files, paths, `@group` names and packages named by a variable are not reported. Unlike hadolint, a name that merely contains a dash (`python3-pip`) is not taken for a pinned one: the version must follow the dash (`-2.4`).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
        good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3033'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['yum']),
  },
});
