import { addFlagFix } from '../_lib/fixes.js';
import { defineRule } from '../../src/engine/rule.js';
import { hasOpt, packageCommandsOf } from '../_lib/packages.js';
import { callNode, configuredBefore } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'yum-install-yes',
    title: '`yum install` without `-y`',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3030'],
    rationale: '`yum install` asks for confirmation. A build has no terminal to answer it, so the command aborts and the build fails.',
    remediation:
      'Add `-y` (`--assumeyes`): `yum install -y httpd`. Not reported when the stage sets `assumeyes` in yum\'s configuration before. An exec-form RUN is read as the program it names: `["sudo yum", "install", …]` names a program "sudo yum", not yum.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM centos:7\nRUN yum install httpd && yum clean all\n',
        good: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
      },
    ],
    fixable: 'safe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3030'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      if (configuredBefore(run, /assumeyes\s*=\s*(1|true|yes)/i)) return;
      for (const p of packageCommandsOf(model, run)) {
        if (p.manager !== 'yum' || !['install', 'groupinstall', 'localinstall'].includes(p.action ?? '') || hasOpt(p, '-y', '--assumeyes'))
          continue;
        const fix = p.actionWord && addFlagFix(run, [p.actionWord], '-y');
        ctx.report({
          ...(fix && { fix }),
          at: callNode(p),
          message: `\`yum ${p.action}\` runs without \`-y\` and will wait for a confirmation no one can give`,
        });
      }
    },
  },
});
