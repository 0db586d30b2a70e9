import { defineRule } from '../../src/engine/rule.js';
import { flagOf } from '../_lib/dockerfile.js';

export default defineRule({
  meta: {
    id: 'redundant-target-platform',
    title: '`FROM --platform=$TARGETPLATFORM` is redundant',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['RedundantTargetPlatform', 'DL3065'],
    rationale:
      'Every stage is built for the target platform by default, so `--platform=$TARGETPLATFORM` changes nothing; it usually means `$BUILDPLATFORM` was intended, for a stage that should run natively and cross-compile.',
    remediation: 'Remove the flag, or use `--platform=$BUILDPLATFORM` if the stage should run on the build machine.',
    examples: [{ lang: 'dockerfile', bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20\n', good: 'FROM alpine:3.20\n' }],
    references: ['https://docs.docker.com/reference/build-checks/redundant-target-platform/'],
  },
  handlers: {
    'dockerfile:FROM': (from, ctx) => {
      if (from.onbuild) return;
      const flag = flagOf(from, 'platform');
      if (!flag?.value || !/^["']?\$(TARGETPLATFORM|\{TARGETPLATFORM\})["']?$/.test(flag.value)) return;
      ctx.report({ at: flag.valueNode ?? flag, message: `FROM --platform=${flag.value} is the default platform of every stage` });
    },
  },
});
