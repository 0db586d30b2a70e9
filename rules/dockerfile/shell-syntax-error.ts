import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'shell-syntax-error',
    title: 'RUN script that the shell cannot parse',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['SC1009', 'SC1072', 'SC1073'],
    rationale:
      'A RUN in shell form goes to `/bin/sh -c`. A script with an unterminated quote, an unbalanced `$( … )`, a dangling `&&` or a missing `fi`/`done` fails the build at that step with a syntax error, after every earlier layer has been built. No other rule can judge such a RUN.',
    remediation:
      'Fix the syntax at the reported position: close the quote or the substitution, finish the `&&` chain, close the `if`/`for`/`case`. Placeholders like `<registry>` in a command are redirections to the shell: quote them. RUNs under a non-POSIX `SHELL` (pwsh, cmd) are not judged.',
    examples: [
      {
        lang: 'dockerfile',
        bad: "FROM alpine:3.20\nRUN echo 'unterminated && apk add --no-cache curl\n",
        good: "FROM alpine:3.20\nRUN echo 'terminated' && apk add --no-cache curl\n",
      },
    ],
    references: ['https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      const error = model.shellOf(run).parseError;
      if (!error) return;
      ctx.report({
        at: error,
        message: `the RUN script does not parse: ${error.message}`,
      });
    },
  },
});
