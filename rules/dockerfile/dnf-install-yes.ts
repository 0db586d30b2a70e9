import { addFlagFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { hasOpt, packageCommandsOf } from '../_lib/packages.js';
import { callNode, configuredBefore } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'dnf-install-yes',
    title: '`dnf install` without `-y`',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3038'],
    rationale: '`dnf install` asks for confirmation. A build has no terminal to answer it, so the command aborts and the build fails.',
    remediation:
      "Add `-y` (`--assumeyes`): `dnf install -y httpd`. microdnf is not reported: it never asks (assume-yes is its default). Differences from hadolint: hadolint also asks microdnf for `-y`. Not reported either when the stage sets `assumeyes` in dnf's configuration before.",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM fedora:40\nRUN dnf install httpd && dnf clean all\n',
        good: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
      },
    ],
    fixable: 'safe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3038'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      if (configuredBefore(run, /assumeyes\s*=\s*(1|true|yes)/i)) return;
      for (const p of packageCommandsOf(model, run)) {
        if (
          p.manager !== 'dnf' ||
          !['install', 'in', 'groupinstall', 'localinstall'].includes(p.action ?? '') ||
          hasOpt(p, '-y', '--assumeyes')
        )
          continue;
        const fix = p.actionWord && addFlagFix(run, [p.actionWord], '-y');
        ctx.report({
          ...(fix && { fix }),
          at: callNode(p),
          message: `\`dnf ${p.action}\` runs without \`-y\` and will wait for a confirmation no one can give`,
        });
      }
    },
  },
});
