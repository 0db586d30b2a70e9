import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    title: 'Suppression comment or annotation that suppresses nothing',
    severity: 'warning',
    category: 'meta',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A suppression that matches no finding is stale: the problem was fixed or moved. Left in place it silently hides the next, real occurrence of the problem.',
    remediation:
      'Remove the `k8slint-disable…` comment, the `# hadolint ignore=` pragma or the `ignore-check.k8slint.io/<rule>` annotation.',
    examples: [
      {
        lang: 'dockerfile',
        bad: '# k8slint-disable-next-line maintainer-deprecated -- legacy image\nFROM alpine:3.20\n',
        good: 'FROM alpine:3.20\n',
      },
    ],
    references: [],
  },
  reports: 'unused-suppression',
  handlers: {},
});
