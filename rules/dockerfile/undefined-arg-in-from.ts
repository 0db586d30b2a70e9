import { defineRule } from '../../src/engine/rule.js';
import { closest } from '../../src/util/closest.js';
import { BUILDKIT_ARGS, PLATFORM_ARGS, PROXY_ARGS, flagOf } from '../_lib/dockerfile.js';

export default defineRule({
  meta: {
    id: 'undefined-arg-in-from',
    title: '`FROM` uses a build argument no global `ARG` declares',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['UndefinedArgInFrom'],
    rationale:
      '`FROM` can only use build arguments declared by an `ARG` before the first `FROM` (and the predefined platform arguments such as `BUILDPLATFORM`). An undeclared one expands to an empty string, so `FROM node:${NODE_VERSON}` builds from `node:` or fails with an unclear reference error. An `ARG` inside a stage does not count: it is out of scope for the `FROM` lines.',
    remediation:
      'Declare the argument before the first `FROM` (`ARG NODE_VERSION=22`), or fix the spelling; the message suggests the closest declared name. A reference with a default (`${TAG:-latest}`) is not reported.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSON}-slim\n',
        good: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim\n',
      },
    ],
    references: ['https://docs.docker.com/reference/build-checks/undefined-arg-in-from/'],
  },
  handlers: {
    'dockerfile:FROM': (from, ctx, model) => {
      if (from.onbuild) return;
      const known = [...model.globalArgs.keys(), ...PLATFORM_ARGS, ...PROXY_ARGS, ...BUILDKIT_ARGS];
      const platform = flagOf(from, 'platform');
      for (const ref of from.variables) {
        if (ref.hasModifier || known.includes(ref.name)) continue;
        const inFlag = platform
          ? ref.span.line === platform.span.line && ref.span.column >= platform.span.column && ref.span.endColumn <= platform.span.endColumn
          : false;
        const suggestion = closest(ref.name, known);
        const inStage = model.instructions.some(
          (i) => i.keyword === 'ARG' && i.stage && i.span.line < from.span.line && i.properties.some((d) => d.name === ref.name),
        );
        ctx.report({
          at: ref,
          message: `FROM${inFlag ? ' --platform' : ''} uses the build argument "${ref.name}", which no ARG before the first FROM declares${inStage ? ' (an ARG inside a stage is out of scope for FROM)' : ''}${suggestion && !inStage ? ` (did you mean "${suggestion}"?)` : ''}`,
        });
      }
    },
  },
});
