import { defineRule } from '../../src/engine/rule.js';
import { copyOperands } from '../_lib/copy.js';
import type { DockerInstruction } from '../../src/model/dockerfile.js';

export default defineRule({
  meta: {
    id: 'copy-relative-dest-without-workdir',
    title: 'COPY to a relative destination with no WORKDIR set',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3045'],
    rationale: 'A relative COPY destination is resolved against the working directory, which this Dockerfile never sets: it is whatever the base image chose (often /), and changes when the base image does.',
    remediation: 'Set `WORKDIR /app` before the COPY, or use an absolute destination. A WORKDIR in a stage this one is built FROM counts. The base image may set a WORKDIR of its own (nvcr.io, golang and many vendor images do), which a linter cannot see: this is a preview rule for that reason. An ONBUILD COPY is judged too (it runs in the child image): a WORKDIR anywhere in its stage chain, or an ONBUILD WORKDIR before it, counts, and so does an ONBUILD WORKDIR of a stage this one is built FROM. Windows destinations with a drive letter (`C:\\app`) are absolute.',
    examples: [{ lang: 'dockerfile', bad: 'FROM node:20\nCOPY package.json .\n', good: 'FROM node:20\nWORKDIR /app\nCOPY package.json .\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3045'],
  },
  handlers: {
    'dockerfile:COPY': (copy, ctx, model) => {
      const ops = copyOperands(copy);
      if (!ops || ops.dest.variable) return;
      const dest = ops.dest.value.replace(/^["']|["']$/g, '');
      // A drive letter marks a Windows path (its backslashes are gone: Docker's default escape character takes them).
      if (dest.startsWith('/') || /^[A-Za-z]:/.test(dest) || dest.startsWith('\\')) return;
      if (model.hasBefore('WORKDIR', copy) || workdirFromTriggers(copy)) return;
      ctx.report({ at: ops.dest, message: `COPY destination "${dest}" is relative and no WORKDIR is set before it` });
    },
  },
});

/**
 * WORKDIRs the model's `hasBefore` leaves out: an ONBUILD WORKDIR of a stage this one is built FROM
 * (it runs at that FROM), and for an ONBUILD COPY, which runs in the child image, every WORKDIR of
 * its own stage chain and the triggers before it.
 */
function workdirFromTriggers(copy: DockerInstruction): boolean {
  const stage = copy.stage;
  if (!stage) return false;
  for (let s = stage.parent; s; s = s.parent) if (s.instructions.some((i) => i.keyword === 'WORKDIR')) return true;
  return copy.onbuild && stage.instructions.some((i) => i.keyword === 'WORKDIR' && (!i.onbuild || i.index < copy.index));
}
