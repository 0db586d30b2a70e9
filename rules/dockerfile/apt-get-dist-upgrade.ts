import { defineRule } from '../../src/engine/rule.js';
import { packageCommandsOf } from '../_lib/packages.js';
import { callNode } from '../_lib/package-rules.js';

const UPGRADES = new Set(['dist-upgrade', 'full-upgrade']);

export default defineRule({
  meta: {
    id: 'apt-get-dist-upgrade',
    title: '`apt-get dist-upgrade` in a RUN',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DS024', 'DS-0024', 'AVD-DS-0024'],
    rationale:
      '`apt-get dist-upgrade` (and `full-upgrade`) may install and remove packages to move the whole system forward, inside the build: the image drifts from its base, each build can produce a different system, and the layer carries a copy of most of the distribution.',
    remediation:
      'Use a newer base image (rebuild on the updated tag), or install the specific fixed packages. Trivy marks its check (DS-0024) deprecated; k8slint keeps it, as dockerfilelint does, because the cost is real. `apt-get upgrade`, which never removes packages, is not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade && rm -rf /var/lib/apt/lists/*\n',
        good: 'FROM debian:12.8\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\n',
      },
    ],
    references: ['https://avd.aquasec.com/misconfig/ds024'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const p of packageCommandsOf(model, run)) {
        if ((p.manager === 'apt-get' || p.manager === 'apt' || p.manager === 'aptitude') && UPGRADES.has(p.action ?? '')) {
          ctx.report({ at: callNode(p), message: `\`${p.manager} ${p.action}\` upgrades the whole distribution during the build` });
        }
      }
    },
  },
});
