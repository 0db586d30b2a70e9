import { defineRule } from '../../src/engine/rule.js';
import type { ShellCommand } from '../../src/model/shell.js';
import type { Span } from '../../src/types.js';

/** Commands that cannot fail in a way the rest of the pipeline would hide. */
const HARMLESS_SOURCES = new Set(['echo', 'printf', 'yes', 'true']);

/** Whether a SHELL argv turns pipefail on (`-o pipefail`, `-eo pipefail`, `-opipefail`). */
export function shellHasPipefail(argv: string[]): boolean {
  return argv.some((a, i) => (a === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(argv[i - 1] ?? '')) || a === '-opipefail');
}

function setsPipefail(c: ShellCommand): boolean {
  if (c.name !== 'set') return false;
  const values = c.words.slice(1).map((w) => w.value ?? '');
  return values.some((v, i) => v === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(values[i - 1] ?? ''));
}

export default defineRule({
  meta: {
    id: 'pipe-without-pipefail',
    title: 'RUN with a pipe, and pipefail is not set',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL4006'],
    rationale:
      "A pipeline's exit status is that of its last command. In `RUN curl -fsSL $URL | tar -xz`, a failed download still lets the RUN succeed, and the image is built without the files. With `pipefail` the RUN fails when any command of the pipeline fails.",
    remediation:
      'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (on Alpine: `["/bin/ash", "-eo", "pipefail", "-c"]`), or start the RUN with `set -o pipefail &&`. Pipelines fed only by `echo`, `printf`, `yes` or `true` are not reported: nothing before the pipe can fail. Exec-form RUNs and RUNs under PowerShell or cmd are not checked. Differences from hadolint: a SHELL that sets `-o pipefail` counts whatever the shell, /bin/sh included (busybox ash and recent dash support it, and a shell without the option fails the build at once); hadolint reports pipes under a plain sh even then.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n',
        good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL4006'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      const script = model.shellOf(run);
      if (script.skipped || script.commands.length === 0 || !script.pipes?.length) return;
      if (shellHasPipefail(model.shellFor(run).argv)) return;
      const pipefailAt = script.commands.find(setsPipefail)?.span;
      const pipelines = new Map<number, ShellCommand[]>();
      for (const c of script.commands) {
        if (!c.pipeline || c.pipeline.size < 2) continue;
        const members = pipelines.get(c.pipeline.id);
        if (members) members.push(c);
        else pipelines.set(c.pipeline.id, [c]);
      }
      for (const members of pipelines.values()) {
        members.sort((a, b) => a.pipeline!.index - b.pipeline!.index);
        const first = members[0];
        if (!first) continue;
        if (pipefailAt && before(pipefailAt, first.span)) continue;
        const sources = members.filter((c) => c.pipeline!.index < c.pipeline!.size - 1);
        if (sources.every((c) => c.name !== undefined && HARMLESS_SOURCES.has(c.name))) continue;
        const pipe = script.pipes.find((p) => !before(p.span, first.span)) ?? first;
        ctx.report({
          at: pipe,
          message: `the pipeline \`${members.map((c) => c.name ?? '…').join(' | ')}\` runs without pipefail: a failure of \`${sources.find((c) => !HARMLESS_SOURCES.has(c.name ?? ''))?.name ?? first.name ?? 'a command'}\` goes unnoticed`,
        });
      }
    },
  },
});

function before(a: Span, b: Span): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}
