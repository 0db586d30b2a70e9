import { defineRule } from '../../src/engine/rule.js';
import type { ShellCommand } from '../../src/model/shell.js';
import { baseName, effectiveCommands } from '../_lib/shell.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETERS = /^(sh|bash|ash|dash|zsh|ksh|fish|python\d*(\.\d+)*|perl|ruby|node|php)$/;

export default defineRule({
  meta: {
    id: 'remote-script-piped-to-shell',
    title: 'Remote script piped into a shell',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      '`curl https://… | sh` runs whatever the server returns at build time, with no checksum or signature: a compromised or hijacked download site, or a changed script, goes straight into the image. The build is also not reproducible, since the script can change between two builds of the same Dockerfile.',
    remediation:
      'Download the installer to a file, verify it, then run it: `curl -fsSLo /tmp/install.sh https://…/v1.2.3/install.sh && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`, or use `ADD --checksum=sha256:<digest> https://… /tmp/install.sh`. Prefer a versioned release artifact or a package. Reported: a curl or wget command piped into sh, bash, python, perl, ruby, node or php (through sudo/env too), and `sh -c "$(curl …)"` / `bash <(curl …)`.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n',
        good: 'FROM debian:12\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/v1.2.3/install.sh /tmp/install.sh\nRUN sh /tmp/install.sh\n',
      },
    ],
    references: ['https://docs.docker.com/reference/dockerfile/#verifying-a-remote-file-checksum-add---checksumchecksum-http-src-dest'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      const commands = model.shellOf(run).commands;
      const reported = new Set<ShellCommand>();
      for (const command of commands) {
        const interpreter = effectiveName(command);
        const [first] = command.words;
        if (!first || !interpreter || !INTERPRETERS.test(interpreter)) continue;
        const downloader = feeder(commands, command);
        if (!downloader || reported.has(command)) continue;
        reported.add(command);
        ctx.report({
          at: first,
          message: `RUN pipes the output of ${baseName(downloader.name)} into ${interpreter}, running a remote script without verifying it`,
        });
      }
    },
  },
});

/** The name of the command really run (through sudo, env…). */
function effectiveName(command: ShellCommand): string | undefined {
  const own = baseName(command.name);
  if (own && (INTERPRETERS.test(own) || DOWNLOADERS.has(own))) return own;
  const [effective] = effectiveCommands({ commands: [command] });
  return baseName(effective?.name);
}

/** The curl/wget command whose output the interpreter `target` (one of `commands`) runs, if any. */
function feeder(commands: ShellCommand[], target: ShellCommand): ShellCommand | undefined {
  const p = target.pipeline;
  if (p && p.index > 0) {
    // The commands before it in the same pipeline (`curl … | tee log | sh`).
    const upstream = commands.filter((c) => c.pipeline?.id === p.id && c.pipeline.index < p.index);
    const found = upstream.find((c) => DOWNLOADERS.has(effectiveName(c) ?? ''));
    if (found && readsScriptFromStdin(target)) return found;
  }
  // `sh -c "$(curl …)"`, `bash <(curl …)`: the downloader sits inside one of the interpreter's words.
  return commands.find(
    (c) =>
      c !== target &&
      DOWNLOADERS.has(effectiveName(c) ?? '') &&
      target.words.slice(1).some((w) => /^["']?(\$\(|<\()/.test(w.text) && contains(w.span, c.span)),
  );
}

function contains(
  outer: { line: number; column: number; endLine: number; endColumn: number },
  inner: { line: number; column: number; endLine: number; endColumn: number },
): boolean {
  const after = inner.line > outer.line || (inner.line === outer.line && inner.column >= outer.column);
  const before = inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn);
  return after && before;
}

/** `sh`, `bash -s -- -y`, `python3 -`: the interpreter runs its standard input; not `python3 -c '…'` or `perl script.pl`. */
function readsScriptFromStdin(command: ShellCommand): boolean {
  const own = baseName(command.name);
  const [effective] = own && INTERPRETERS.test(own) ? [command] : effectiveCommands({ commands: [command] });
  for (const word of (effective ?? command).words.slice(1)) {
    const v = word.value;
    if (v === undefined) return false;
    if (v === '-' || v === '-s' || v === '--') return true;
    if (/^-[a-zA-Z]*[ceEmr]$/.test(v) || v === '--eval' || v === '--command') return false;
    if (!v.startsWith('-')) return false;
  }
  return true;
}
