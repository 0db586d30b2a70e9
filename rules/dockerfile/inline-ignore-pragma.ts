import { defineRule } from '../../src/engine/rule.js';

/** hadolint's inline pragma (not `global ignore`, which applies to the whole file) and k8slint's line-level comments. */
const INLINE_SUPPRESSION = /^\s*#\s*(hadolint\s+ignore\s*=|k8slint-disable-(next-)?line\b)/;

export default defineRule({
  meta: {
    id: 'inline-ignore-pragma',
    title: 'Inline ignore pragma',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['DL1001'],
    rationale:
      'Teams that want every exception to go through the shared configuration, where it is reviewed once, forbid suppressions written next to the code. This rule finds them: hadolint\'s `# hadolint ignore=DL3008` and k8slint\'s `# k8slint-disable-next-line` / `# k8slint-disable-line` comments. It is off by default, as hadolint\'s DL1001 is.',
    remediation: 'Remove the comment and fix the finding, or move the exception to the config file (`rules: { <id>: off }`, or per-path overrides). File-wide pragmas (`# hadolint global ignore=`, `# k8slint-disable-file`) are not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12-slim\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
        good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint#inline-ignores'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      model.source.text.split('\n').forEach((line, index) => {
        if (!INLINE_SUPPRESSION.test(line)) return;
        const comment = model.parts.restOfLine(model.parts.lineStart(index + 1));
        ctx.report({ at: comment, message: 'inline ignore pragma: keep exceptions in the shared configuration instead' });
      });
    },
  },
});
