import { defineRule } from '../../src/engine/rule.js';
import { copyOperands } from '../_lib/copy.js';

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
    remediation: 'Set `WORKDIR /app` before the COPY, or use an absolute destination. A WORKDIR in a stage this one is built FROM counts. The base image may set a WORKDIR of its own (nvcr.io, golang and many vendor images do), which a linter cannot see: this is a preview rule for that reason.',
    examples: [{ lang: 'dockerfile', bad: 'FROM node:20\nCOPY package.json .\n', good: 'FROM node:20\nWORKDIR /app\nCOPY package.json .\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3045'],
  },
  handlers: {
    'dockerfile:COPY': (copy, ctx, model) => {
      if (copy.onbuild) return;
      const ops = copyOperands(copy);
      if (!ops || ops.dest.variable) return;
      const dest = ops.dest.value.replace(/^["']|["']$/g, '');
      if (dest.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dest) || dest.startsWith('\\')) return;
      if (model.hasBefore('WORKDIR', copy)) return;
      ctx.report({ at: ops.dest, message: `COPY destination "${dest}" is relative and no WORKDIR is set before it` });
    },
  },
});
