import { replaceNode } from '../../src/model/edits.js';
import { defineRule, type FixProposal } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'maintainer-deprecated',
    title: 'MAINTAINER is deprecated',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL4000', 'MaintainerDeprecated'],
    rationale:
      'MAINTAINER has been deprecated since Docker 1.13. Its value lands in a field tools no longer read; labels are the standard place for image metadata.',
    remediation: 'Replace it with a label: `LABEL org.opencontainers.image.authors="team@example.com"`.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM alpine:3.20\nMAINTAINER team@example.com\n',
        good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="team@example.com"\n',
      },
    ],
    fixable: 'safe',
    references: ['https://docs.docker.com/reference/build-checks/maintainer-deprecated/'],
  },
  handlers: {
    'dockerfile:MAINTAINER': (instruction, ctx) => {
      const author = instruction.argsText.trim();
      const fix: FixProposal | undefined =
        author !== '' && !/[\r\n]/.test(author) && !instruction.onbuild
          ? {
              safety: 'safe',
              description: 'replace MAINTAINER with LABEL org.opencontainers.image.authors',
              edits: [
                replaceNode(instruction, `LABEL org.opencontainers.image.authors=${JSON.stringify(author.replace(/^"(.*)"$/, '$1'))}`),
              ],
            }
          : undefined;
      ctx.report({ at: instruction, message: 'MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors', ...(fix && { fix }) });
    },
  },
});
