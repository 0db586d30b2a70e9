import { defineRule } from '../../src/engine/rule.js';
import { copyOperands } from '../_lib/copy.js';

export default defineRule({
  meta: {
    id: 'copy-multiple-sources-dest-not-dir',
    title: 'COPY with several sources to a destination not ending in /',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3021', 'DS011', 'DS-0011', 'AVD-DS-0011'],
    rationale:
      'With more than one source, the destination must be a directory and Docker requires it to end with `/`; otherwise the build fails with "When using COPY with more than one source file, the destination must be a directory and end with a /".',
    remediation: 'End the destination with a slash: `COPY package.json package-lock.json /app/`.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM node:20\nCOPY package.json package-lock.json /app\n',
        good: 'FROM node:20\nCOPY package.json package-lock.json /app/\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3021'],
  },
  handlers: {
    'dockerfile:COPY': (copy, ctx) => {
      const ops = copyOperands(copy);
      if (!ops || ops.sources.length < 2 || ops.dest.variable || ops.dest.value.endsWith('/') || ops.dest.value.endsWith('\\')) return;
      ctx.report({
        at: ops.dest,
        message: `COPY has ${ops.sources.length} sources but its destination "${ops.dest.value}" does not end with /`,
      });
    },
  },
});
