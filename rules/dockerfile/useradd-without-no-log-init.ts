import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'useradd-without-no-log-init',
    title: '`useradd` with a large UID without `--no-log-init`',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3046'],
    rationale:
      'useradd reserves a record for the new UID in /var/log/lastlog and /var/log/faillog, which are sparse files indexed by UID. With a large UID the files look like gigabytes; layer storage does not keep them sparse, so the image can grow by that much or the build runs out of disk.',
    remediation: 'Add `-l` / `--no-log-init`: `useradd -l -u 1000001 app`.',
    examples: [
      { lang: 'dockerfile', bad: 'FROM debian:12\nRUN useradd -u 1000001 app\n', good: 'FROM debian:12\nRUN useradd -l -u 1000001 app\n' },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3046', 'https://github.com/moby/moby/issues/5419'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const c of commandsOf(model, run)) {
        if (baseName(c.name) !== 'useradd') continue;
        const words = c.words.slice(1);
        if (words.some((w) => w.value === '--no-log-init' || /^-[A-Za-z]*l[A-Za-z]*$/.test(w.value ?? ''))) continue;
        for (const [i, word] of words.entries()) {
          const v = word.value ?? '';
          const uidWord = v === '-u' || v === '--uid' ? words[i + 1] : v.startsWith('--uid=') || /^-u\d/.test(v) ? word : undefined;
          if (!uidWord) continue;
          const uid = (uidWord.value ?? '').replace(/^(--uid=|-u)/, '');
          if (/^\d{6,}$/.test(uid))
            ctx.report({
              at: uidWord,
              message: `\`useradd\` creates UID ${uid} without \`--no-log-init\`; lastlog and faillog grow to match`,
            });
        }
      }
    },
  },
});
