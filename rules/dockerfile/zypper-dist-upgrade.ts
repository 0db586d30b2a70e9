import { defineRule } from '../../src/engine/rule.js';
import { packageCommandsOf } from '../_lib/packages.js';
import { callNode } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'zypper-dist-upgrade',
    title: '`zypper dist-upgrade` in a RUN',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3035'],
    rationale:
      '`zypper dist-upgrade` moves the whole distribution to new package versions, possibly a new release, inside the build: the image no longer matches its base, and each build can produce a different system.',
    remediation: 'Use a newer base image instead, or `zypper patch` / `zypper update` for security fixes.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM opensuse/leap:15.5\nRUN zypper -n dist-upgrade && zypper clean\n',
        good: 'FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper clean\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3035'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const p of packageCommandsOf(model, run)) {
        if (p.manager === 'zypper' && (p.action === 'dist-upgrade' || p.action === 'dup'))
          ctx.report({ at: callNode(p), message: `\`zypper ${p.action}\` upgrades the whole distribution during the build` });
      }
    },
  },
});
