import { addFlagFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { hasOpt, packageCommandsOf } from '../_lib/packages.js';
import { callNode } from '../_lib/package-rules.js';

const ASKING = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];

export default defineRule({
  meta: {
    id: 'zypper-install-non-interactive',
    title: '`zypper install` without `-n` or `-y`',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3034'],
    rationale:
      '`zypper install` (and remove, patch, source-install) asks for confirmation. A build has no terminal to answer it, so the command aborts and the build fails.',
    remediation:
      'Use `zypper --non-interactive install …` (`-n`) or `zypper install -y …` (`--no-confirm`). Every stage is checked, build stages included (KICS checks the final stage only): a prompt breaks the build wherever it happens.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM opensuse/leap:15.5\nRUN zypper install httpd && zypper clean\n',
        good: 'FROM opensuse/leap:15.5\nRUN zypper install -y httpd && zypper clean\n',
      },
    ],
    fixable: 'safe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3034'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const p of packageCommandsOf(model, run)) {
        if (p.manager !== 'zypper' || !ASKING.includes(p.action ?? '') || hasOpt(p, '-n', '--non-interactive', '-y', '--no-confirm'))
          continue;
        const fix = p.actionWord && addFlagFix(run, [p.actionWord], '-y');
        ctx.report({
          ...(fix && { fix }),
          at: callNode(p),
          message: `\`zypper ${p.action}\` runs without \`-n\`/\`-y\` and will wait for a confirmation no one can give`,
        });
      }
    },
  },
});
