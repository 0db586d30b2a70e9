import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'internal-error',
    title: 'A rule failed while checking a file',
    severity: 'error',
    category: 'meta',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A rule threw an exception on this file. The other rules and files were still checked, but this rule could not judge this file, so a problem may have gone unreported.',
    remediation:
      'Report the message (it names the rule and the file) to the k8slint maintainers with the smallest file that reproduces it. Meanwhile disable the rule for this file with a `k8slint-disable-file` comment.',
    examples: [],
    references: [],
  },
  reports: 'rule-failure',
  handlers: {},
});
