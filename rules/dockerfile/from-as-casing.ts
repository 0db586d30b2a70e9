import { replaceNode } from '../../src/model/edits.js';
import { defineRule } from '../../src/engine/rule.js';

const isLower = (s: string): boolean => s === s.toLowerCase();

export default defineRule({
  meta: {
    id: 'from-as-casing',
    title: '`AS` keyword casing does not match `FROM`',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['FromAsCasing'],
    rationale:
      "`FROM image as build` mixes an upper-case `FROM` with a lower-case `as` (or the reverse); both work, but the stage name is easier to spot when the keywords share a case. Docker's build checks warn about it as FromAsCasing.",
    remediation: 'Write `AS` in the case of `FROM`: `FROM golang:1.23 AS build`, or `from golang:1.23 as build`.',
    examples: [{ lang: 'dockerfile', bad: 'FROM golang:1.23 as build\n', good: 'FROM golang:1.23 AS build\n' }],
    fixable: 'safe',
    references: ['https://docs.docker.com/reference/build-checks/from-as-casing/'],
  },
  handlers: {
    'dockerfile:FROM': (from, ctx) => {
      const as = from.args[1];
      if (!as || as.value.toLowerCase() !== 'as' || from.args.length < 3) return;
      if (isLower(from.written) === isLower(as.value)) return;
      const written = isLower(from.written) ? 'as' : 'AS';
      ctx.report({
        at: as,
        message: `"${as.value}" does not match the casing of "${from.written}"`,
        fix: { safety: 'safe', description: `write ${written}`, edits: [replaceNode(as, written)] },
      });
    },
  },
});
