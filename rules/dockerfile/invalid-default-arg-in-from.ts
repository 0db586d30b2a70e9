import { defineRule } from '../../src/engine/rule.js';
import { PLATFORM_ARGS } from '../_lib/dockerfile.js';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
/** Docker's image reference grammar (distribution/reference), simplified to what matters here. */
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

export default defineRule({
  meta: {
    id: 'invalid-default-arg-in-from',
    title: 'Default values of global `ARG`s give `FROM` an invalid image',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['InvalidDefaultArgInFrom'],
    rationale:
      'When `FROM` is built from global build arguments, the Dockerfile should still build with their defaults. `ARG TAG` without a default makes `FROM alpine:${TAG}` expand to `alpine:`, which is not a valid reference: the build fails unless every caller passes `--build-arg TAG=…`.',
    remediation: 'Give the argument a default (`ARG TAG=3.20`), or a default at the point of use (`FROM alpine:${TAG:-3.20}`).',
    examples: [{ lang: 'dockerfile', bad: 'ARG TAG\nFROM alpine:${TAG}\n', good: 'ARG TAG=3.20\nFROM alpine:${TAG}\n' }],
    references: ['https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/'],
  },
  handlers: {
    'dockerfile:FROM': (from, ctx, model) => {
      if (from.onbuild || !from.stage || from.stage.from !== from) return;
      const image = from.stage.image;
      if (!image.written.includes('$')) return;
      const refs = from.variables.filter(
        (r) => r.span.line >= image.span.line && r.span.column >= image.span.column && r.span.endColumn <= image.span.endColumn,
      );
      if (refs.length === 0 || refs.some((r) => PLATFORM_ARGS.includes(r.name))) return;
      // Only arguments that are declared count; undeclared ones are undefined-arg-in-from's finding.
      if (refs.some((r) => !model.globalArgs.has(r.name))) return;
      const empty = new Map([...model.globalArgs].map(([k, v]) => [k, v ?? '']));
      const expanded = image.written.replace(
        /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
        (_w, braced?: string, op?: string, word?: string, bare?: string) => {
          const value = empty.get(braced ?? bare ?? '') ?? '';
          if (op === ':-') return value === '' ? (word ?? '') : value;
          if (op === '-') return model.globalArgs.get(braced ?? '') === undefined ? (word ?? '') : value;
          if (op === ':+') return value === '' ? '' : (word ?? '');
          if (op === '+') return model.globalArgs.get(braced ?? '') === undefined ? '' : (word ?? '');
          return value;
        },
      );
      if (REFERENCE.test(expanded) || expanded.toLowerCase() === 'scratch') return;
      const names = [...new Set(refs.map((r) => r.name))].join('", "');
      ctx.report({
        at: image,
        message: `with the default values of "${names}", FROM "${image.written}" becomes "${expanded}", which is not a valid image reference`,
      });
    },
  },
});
