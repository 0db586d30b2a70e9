import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { DockerInstruction } from '../../src/model/dockerfile.js';
import { argumentsSpan, instructionsBefore } from '../_lib/dockerfile.js';

export default defineRule({
  meta: {
    id: 'json-args-recommended',
    title: '`CMD` or `ENTRYPOINT` in shell form',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['JSONArgsRecommended', 'DL3025'],
    rationale: 'In shell form (`CMD node server.js`) the command runs as a child of `/bin/sh -c`. The shell is PID 1 and does not forward SIGTERM, so `docker stop` and Kubernetes wait out the grace period and then kill the process without a clean shutdown. A shell-form ENTRYPOINT also ignores the arguments given to `docker run` and the `args:` of a Kubernetes container.',
    remediation: 'Use the JSON (exec) form: `CMD ["node", "server.js"]`. When the command needs shell features, use `exec` inside a script, or set the shell explicitly with a `SHELL` instruction (as Docker does, k8slint then stays silent). HEALTHCHECK CMD is not checked: its process is not PID 1 and receives no signals.',
    examples: [{ lang: 'dockerfile', bad: 'FROM node:22-slim\nCMD node server.js\n', good: 'FROM node:22-slim\nCMD ["node", "server.js"]\n' }],
    references: ['https://docs.docker.com/reference/build-checks/json-args-recommended/', 'https://github.com/hadolint/hadolint/wiki/DL3025'],
    fix: 'unsafe',
  },
  handlers: {
    'dockerfile:CMD': (instruction, ctx) => check(instruction, ctx),
    'dockerfile:ENTRYPOINT': (instruction, ctx) => check(instruction, ctx),
  },
});

function check(instruction: DockerInstruction, ctx: RuleContext): void {
  if (instruction.onbuild || instruction.args.length === 0) return;
  if (instruction.argsText.trimStart().startsWith('[')) return;
  if (instructionsBefore(instruction).some((i) => i.keyword === 'SHELL')) return;
  ctx.report({ at: { span: argumentsSpan(instruction) }, message: `${instruction.keyword} is in shell form, so it runs under "/bin/sh -c" and the process does not receive stop signals` });
}
