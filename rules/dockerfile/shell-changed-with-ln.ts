import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'shell-changed-with-ln',
    title: '/bin/sh replaced with `ln` instead of the SHELL instruction',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL4005'],
    rationale:
      "Linking another shell over /bin/sh changes the shell of every program in the image that calls /bin/sh (system scripts, package maintainer scripts), not only of the Dockerfile's RUNs, and hides the change from anyone reading the Dockerfile.",
    remediation:
      'Use `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` to run the following RUNs under bash, and leave /bin/sh alone. `ln -s … /bin/sh` without `-f` is not reported: it fails when /bin/sh exists, so it can only add a shell to an image that has none (distroless, busybox). Running another shell once (`RUN powershell -command …`, which KICS reports) changes nothing and is not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n',
        good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL4005'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const c of commandsOf(model, run)) {
        if (baseName(c.name) !== 'ln') continue;
        const operands = c.words.slice(1).filter((w) => !w.value?.startsWith('-'));
        const [source] = operands;
        const target = operands.length >= 2 ? operands.at(-1) : undefined;
        // Without --force, ln fails when /bin/sh exists: it can only create a missing one (distroless, busybox images).
        const force = c.words.slice(1).some((w) => w.value === '--force' || /^-[a-zA-Z]*f[a-zA-Z]*$/.test(w.value ?? ''));
        const removed = commandsOf(model, run).some((r) => baseName(r.name) === 'rm' && r.words.some((w) => w.value === target?.value));
        if (!force && !removed) continue;
        if (source && (target?.value === '/bin/sh' || target?.value === '/usr/bin/sh'))
          ctx.report({ at: target, message: `\`ln\` replaces ${target.value} with ${source.value ?? source.text}` });
      }
    },
  },
});
