import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'password-set-in-run',
    title: 'Password set during the build',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['CKV2_DOCKER_17'],
    rationale:
      'A password set by `chpasswd`, `passwd --stdin` or `useradd/usermod -p` during the build is the same in every container started from the image, its hash is in `/etc/shadow` of a layer anyone with the image can read, and the clear text usually sits in the RUN line of the image history.',
    remediation:
      'Do not give image users passwords; create them without one (`useradd --no-log-init app`) and run as that user. If a service needs a credential, inject it at run time from a secret.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM ubuntu:24.04\nRUN useradd app && echo "app:changeme" | chpasswd\n',
        good: 'FROM ubuntu:24.04\nRUN useradd --no-log-init app\nUSER app\n',
      },
    ],
    references: ['https://www.checkov.io/5.Policy%20Index/dockerfile.html'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const command of commandsOf(model, run)) {
        const name = baseName(command.name);
        const head = command.words[0];
        if (!head) continue;
        if (name === 'chpasswd') {
          ctx.report({ at: head, message: 'RUN sets a password with chpasswd' });
          continue;
        }
        if (name === 'passwd' && command.words.some((w) => w.value === '--stdin')) {
          ctx.report({ at: head, message: 'RUN sets a password with passwd --stdin' });
          continue;
        }
        if (name === 'useradd' || name === 'usermod') {
          const index = command.words.findIndex(
            (w, i) => i > 0 && (w.value === '-p' || w.value === '--password' || w.value?.startsWith('--password=')),
          );
          const flag = command.words[index];
          const value = flag?.value?.startsWith('--password=') ? flag.value.slice(11) : command.words[index + 1]?.value;
          // `-p '*'` or `-p '!'` locks the account: the opposite of setting a password.
          if (flag && !/^(\*|!.*)$/.test(value ?? '')) ctx.report({ at: flag, message: `RUN sets a password with ${name} ${flag.value}` });
        }
      }
    },
  },
});
