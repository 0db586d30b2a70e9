import { defineRule } from '../../src/engine/rule.js';

const REFERENCE = /(\\*)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

export default defineRule({
  meta: {
    id: 'env-self-reference',
    title: 'ENV refers to a variable set earlier in the same ENV',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3044'],
    rationale: 'All values of one ENV instruction are expanded before any of them is set. In `ENV A=/opt B=$A/bin`, `$A` is the value A had before this ENV (often empty), not `/opt`.',
    remediation: 'Split the instruction: `ENV A=/opt` then `ENV B=$A/bin`. A variable that refers to its own previous value (`ENV PATH=/opt/bin:$PATH`) is fine and not reported.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n', good: 'FROM debian:12\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3044'],
  },
  handlers: {
    'dockerfile:ENV': (env, ctx) => {
      const defined = new Set<string>();
      for (const p of env.properties) {
        const raw = p.rawValue ?? p.value ?? '';
        for (const m of raw.matchAll(REFERENCE)) {
          if ((m[1] ?? '').length % 2 === 1) continue; // `\$A` is a literal dollar
          const name = m[2] ?? m[3] ?? '';
          if (!defined.has(name)) continue; // `PATH=/a:$PATH` alone reads the old PATH, as meant; a second PATH= in the same ENV loses the first
          ctx.report({ at: p.valueNode ?? env, message: `ENV ${p.name} refers to $${name}, which this same ENV sets: it gets the value from before this instruction` });
        }
        defined.add(p.name);
      }
    },
  },
});
