import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'dnf-unpinned-package',
    title: 'Package installed with dnf or microdnf is not pinned to a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3041'],
    rationale:
      'Without a version, `dnf install httpd` installs whatever the repositories hold on the day of the build, so rebuilds of the same Dockerfile can differ.',
    remediation:
      'Pin the version: `dnf install -y httpd-2.4.57`. Module and group installs, `.rpm` files, paths and packages named by a variable are not reported; a name that merely contains a dash is not taken for a pinned one.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
        good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3041'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['dnf', 'microdnf']),
  },
});
