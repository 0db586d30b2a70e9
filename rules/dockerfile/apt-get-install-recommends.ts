import { addFlagFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { hasOpt, isInstall, packageCommandsOf } from '../_lib/packages.js';
import { callNode, configuredBefore, shipsInImage } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'apt-get-install-recommends',
    title: '`apt-get install` without `--no-install-recommends`',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3015', 'DS029', 'DS-0029', 'AVD-DS-0029'],
    rationale:
      'By default apt-get also installs every package the requested ones merely recommend: documentation, GUIs, extra tools. They make the image larger and widen its attack surface for nothing the image needs.',
    remediation:
      'Add `--no-install-recommends` (or `-o APT::Install-Recommends=false`), or set `APT::Install-Recommends "false";` in /etc/apt/apt.conf.d earlier in the stage. Only stages that end up in the image are checked.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
        good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      },
    ],
    fixable: 'unsafe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3015'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      if (!shipsInImage(run, model) || configuredBefore(run, /Install-Recommends/i)) return;
      for (const p of packageCommandsOf(model, run)) {
        if (p.manager !== 'apt-get' || !isInstall(p) || hasOpt(p, '--no-install-recommends')) continue;
        // Recommended packages (ca-certificates for curl…) are sometimes what the image needs: unsafe.
        const fix = p.actionWord && addFlagFix(run, [p.actionWord], '--no-install-recommends', 'unsafe');
        ctx.report({
          ...(fix && { fix }),
          at: callNode(p),
          message: '`apt-get install` runs without `--no-install-recommends` and installs the recommended packages too',
        });
      }
    },
  },
});
