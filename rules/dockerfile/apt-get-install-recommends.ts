import { addFlagFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { hasOpt, isInstall, packageCommandsOf, type PackageCommand } from '../_lib/packages.js';
import { callNode, configuredBefore, shipsInImage } from '../_lib/package-rules.js';

/**
 * An apt configuration setting that turns recommends off (`APT::Install-Recommends "false";` written
 * to apt.conf.d): not a `--no-install-recommends` flag or `-o APT::Install-Recommends=false` of
 * another command, which only holds for that command.
 */
const SETTING = /(?<!-o\s*["']?)APT::Install-Recommends\s+["']*(false|0|no)\b/i;
const OPTION_VALUE = /^APT::Install-Recommends=["']?(false|0|no)\b/i;

function refusesRecommends(p: PackageCommand): boolean {
  return (
    hasOpt(p, '--no-install-recommends') ||
    p.options.some((o) => (o.name === '-o' || o.name === '--option') && o.value !== undefined && OPTION_VALUE.test(o.value)) ||
    p.command.words.some(
      (w) => w.value !== undefined && /^-oAPT::Install-Recommends=/i.test(w.value) && OPTION_VALUE.test(w.value.slice(2)),
    )
  );
}

/** A simulated or download-only run (`apt-get install -s pkg` to test whether a package exists) installs nothing. */
function installsNothing(p: PackageCommand): boolean {
  return hasOpt(p, '-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '-d', '--download-only');
}

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
      'Add `--no-install-recommends` (or `-o APT::Install-Recommends=false`), or set `APT::Install-Recommends "false";` in /etc/apt/apt.conf.d earlier in the stage or a stage it is built from (a flag on another `apt-get install` holds for that command only and does not count). Only stages that end up in the image are checked.',
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
      if (!shipsInImage(run, model) || configuredBefore(run, SETTING)) return;
      for (const p of packageCommandsOf(model, run)) {
        if (p.manager !== 'apt-get' || !isInstall(p) || refusesRecommends(p) || installsNothing(p)) continue;
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
