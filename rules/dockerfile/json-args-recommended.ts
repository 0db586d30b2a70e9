import { defineRule, type FixProposal, type RuleContext } from '../../src/engine/rule.js';
import { replaceNode } from '../../src/model/edits.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import type { ModelNode } from '../../src/model/node.js';

export default defineRule({
  meta: {
    id: 'json-args-recommended',
    title: '`CMD` or `ENTRYPOINT` in shell form',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['JSONArgsRecommended', 'DL3025'],
    rationale:
      'In shell form (`CMD node server.js`) the command runs as a child of `/bin/sh -c`. The shell is PID 1 and does not forward SIGTERM, so `docker stop` and Kubernetes wait out the grace period and then kill the process without a clean shutdown. Arguments that look like JSON but are not (`CMD [python, app.py]`, single quotes) are shell form too. A shell-form ENTRYPOINT also ignores the arguments given to `docker run` and the `args:` of a Kubernetes container.',
    remediation:
      'Use the JSON (exec) form: `CMD ["node", "server.js"]`. When the command needs shell features, use `exec` inside a script, or set the shell explicitly with a `SHELL` instruction (as Docker does, k8slint then stays silent). HEALTHCHECK CMD is not checked: its process is not PID 1 and receives no signals. Every stage is checked, since `--target` can make a build stage the image (KICS checks the final stage only).',
    examples: [
      { lang: 'dockerfile', bad: 'FROM node:22-slim\nCMD node server.js\n', good: 'FROM node:22-slim\nCMD ["node", "server.js"]\n' },
    ],
    fixable: 'unsafe',
    references: [
      'https://docs.docker.com/reference/build-checks/json-args-recommended/',
      'https://github.com/hadolint/hadolint/wiki/DL3025',
    ],
  },
  handlers: {
    'dockerfile:CMD': (instruction, ctx, model) => check(instruction, ctx, model),
    'dockerfile:ENTRYPOINT': (instruction, ctx, model) => check(instruction, ctx, model),
  },
});

/** Docker treats the arguments as exec form only when they parse as a JSON array of strings. */
function execForm(argsText: string, escapeChar: string): 'exec' | 'shell' | 'invalid-json' {
  const joined = argsText
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .split(`${escapeChar}\n`)
    .join('')
    .trim();
  if (!joined.startsWith('[')) return 'shell';
  try {
    const parsed: unknown = JSON.parse(joined);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? 'exec' : 'invalid-json';
  } catch {
    return 'invalid-json';
  }
}

function check(instruction: DockerInstruction, ctx: RuleContext, model: DockerfileModel): void {
  if (instruction.onbuild || instruction.args.length === 0) return;
  const form = execForm(instruction.argsText, model.escapeChar);
  if (form === 'exec') return;
  if (model.hasBefore('SHELL', instruction)) return;
  const why = form === 'invalid-json' ? 'is not a valid JSON array of strings, so it is in shell form' : 'is in shell form';
  const args = model.parts.arguments(instruction);
  const fix = form === 'shell' ? execFormFix(instruction, args) : undefined;
  ctx.report({
    ...(fix && { fix }),
    at: args,
    message: `${instruction.keyword} ${why}: it runs under "/bin/sh -c" and the process does not receive stop signals`,
  });
}

/**
 * `CMD python app.py` → `CMD ["python", "app.py"]` when the command is plain words on one line:
 * no variables, quotes, globs or operators that only a shell would give meaning to. Unsafe: the
 * process no longer runs under a shell (signals reach it; shell startup and `$PATH` search differ).
 */
function execFormFix(instruction: DockerInstruction, args: ModelNode): FixProposal | undefined {
  const text = instruction.argsText.trim();
  if (/[\r\n]/.test(text)) return undefined;
  const words = text.split(/\s+/);
  if (!words.every((w) => /^[\w./:=@%+,-]+$/.test(w))) return undefined;
  return {
    safety: 'unsafe',
    description: `write ${instruction.keyword} in exec form`,
    edits: [replaceNode(args, `[${words.map((w) => JSON.stringify(w)).join(', ')}]`)],
  };
}
