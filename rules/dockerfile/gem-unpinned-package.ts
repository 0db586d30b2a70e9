import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'gem-unpinned-package',
    title: 'Gem installed without a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3028'],
    rationale:
      'Without a version, `gem install bundler` installs the newest release on the day of the build, so rebuilds of the same Dockerfile can differ.',
    remediation:
      'Pin the version: `gem install bundler:2.5.9` or `gem install bundler -v 2.5.9`. `.gem` files and gems named by a variable are not reported.',
    examples: [
      { lang: 'dockerfile', bad: 'FROM ruby:3.3\nRUN gem install bundler\n', good: 'FROM ruby:3.3\nRUN gem install bundler:2.5.9\n' },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3028'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['gem']),
  },
});
