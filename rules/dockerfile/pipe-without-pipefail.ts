import { defineRule, type FixProposal } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { insertAfter, insertBefore, lineEndingOf } from '../../src/model/edits.js';
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
    fixable: 'unsafe',
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
        const fix = pipefailFix(run, model);
        ctx.report({
          ...(fix && { fix }),
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

/**
 * A `SHELL` with pipefail: after the stage's FROM (one SHELL for every RUN of the stage), or just
 * before the RUN when the stage sets its own SHELL earlier. Bash, or ash on Alpine and BusyBox
 * bases. Unsafe: every later RUN of the stage then runs under that shell.
 */
function pipefailFix(run: DockerInstruction, model: DockerfileModel): FixProposal | undefined {
  const stage = run.stage;
  if (!stage || run.onbuild || run.execForm.length > 0) return undefined;
  const base = stage.image.resolved.toLowerCase();
  const shell = /alpine|busybox/.test(base) ? '/bin/ash' : '/bin/bash';
  const line = `SHELL ["${shell}", "-o", "pipefail", "-c"]`;
  const eol = lineEndingOf(model.source.text);
  const ownShell = stage.instructions.some((i) => i.keyword === 'SHELL' && i.index < run.index);
  return {
    safety: 'unsafe',
    description: `set ${line}`,
    edits: [ownShell ? insertBefore(model.parts.lineStart(run.span.line), line + eol) : insertAfter(stage.from, eol + line)],
  };
}
