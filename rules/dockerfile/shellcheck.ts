import { defineRule } from '../../src/engine/rule.js';
import type { Severity } from '../../src/types.js';

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

export default defineRule({
  meta: {
    id: 'shellcheck',
    title: 'ShellCheck finding in a RUN script',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: [],
    rationale: 'A RUN is a shell script, with the bugs shell scripts have: unquoted variables that split, `cd` that fails silently, bashisms under /bin/sh. ShellCheck finds them. This rule hands each shell-form RUN (and each heredoc script) to the `shellcheck` program and reports its findings at their place in the Dockerfile, with ShellCheck\'s code first in the message and its level as the severity (style counts as info).',
    remediation: 'Fix what ShellCheck says (see https://www.shellcheck.net/wiki/<code>). Turn the rule on with `--shellcheck` or `shellcheck: true` in .k8slint.yaml; it needs a `shellcheck` binary on PATH (Debian/Ubuntu: `apt-get install shellcheck`). The script runs under the stage\'s SHELL (sh, bash or ksh; other shells are skipped) with the ARG and ENV names it sees declared, as hadolint does; SC1090, SC1091 and SC2187 are never reported. Suppress one code with `# hadolint ignore=SC2086` or `# k8slint-disable-next-line SC2086 -- reason` above the RUN.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nRUN cd /app; make\n', good: 'FROM debian:12\nWORKDIR /app\nRUN make\n', requires: ['shellcheck'] }],
    references: ['https://www.shellcheck.net/', 'https://github.com/hadolint/hadolint#shellcheck'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      for (const c of model.shellcheck ?? []) {
        ctx.report({ at: { span: c.span }, message: `${c.code}: ${c.message}`, severity: LEVELS[c.level] ?? 'warning' });
      }
    },
  },
});
