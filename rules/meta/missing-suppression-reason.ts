import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'missing-suppression-reason',
    title: 'Suppression without a reason',
    severity: 'info',
    category: 'meta',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'A suppression is a reviewed exception. Without a reason the next reader cannot tell whether it still holds.',
    remediation:
      'Add the reason after ` -- ` in a comment (`# k8slint-disable-next-line host-network -- CNI agent needs the node network`), or as the value of an `ignore-check.k8slint.io/<rule>` annotation.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM alpine:3.20\n# k8slint-disable-next-line maintainer-deprecated\nMAINTAINER someone\n',
        good: 'FROM alpine:3.20\n# k8slint-disable-next-line maintainer-deprecated -- kept for an old release tool\nMAINTAINER someone\n',
      },
    ],
    references: [],
  },
  reports: 'suppression-without-reason',
  handlers: {},
});
