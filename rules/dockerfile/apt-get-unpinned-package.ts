import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'apt-get-unpinned-package',
    title: 'Package installed with apt-get is not pinned to a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3008'],
    rationale:
      'Without a version, `apt-get install curl` installs whatever the mirror holds on the day of the build, so two builds of the same Dockerfile can differ and a rebuild can break or change behaviour without any change to the file.',
    remediation:
      'Pin the version: `apt-get install -y curl=7.88.1-10+deb12u5`. Packages named by a variable, `.deb` files, paths and `pkg/release` are not reported; the value of `-t`/`--target-release` is a release, not a package (KICS counts it as one). Debian removes old versions from its mirrors, so pinned builds fail when a version is superseded; many teams pin the base image digest instead and leave this rule off (it is a preview rule for that reason).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
        good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3008'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['apt-get', 'apt', 'aptitude']),
  },
});
