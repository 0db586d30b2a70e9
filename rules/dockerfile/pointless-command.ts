import { defineRule } from '../../src/engine/rule.js';
import { baseName, commandsOf } from '../_lib/shell.js';

const POINTLESS: Record<string, string> = {
  ssh: 'opens a remote session',
  vim: 'is an interactive editor',
  vi: 'is an interactive editor',
  nano: 'is an interactive editor',
  shutdown: 'shuts a machine down',
  reboot: 'reboots a machine',
  service: 'starts or stops a service that will not be running in the image',
  ps: 'lists the processes of the build container',
  free: 'shows the memory of the build machine',
  top: 'is an interactive process monitor',
  kill: 'signals processes of the build container',
  mount: 'mounts a file system that will not be in the image',
  ifconfig: 'shows the network of the build container',
};

export default defineRule({
  meta: {
    id: 'pointless-command',
    title: 'RUN calls a command that makes no sense in an image build',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3001'],
    rationale:
      'A build step runs once, without a terminal, in a throw-away container. Interactive programs (vim, top, ssh), process and service control (ps, kill, service, shutdown) and machine inspection (free, ifconfig, mount) either hang, fail, or affect only that container, never the image.',
    remediation:
      "Remove the command. To start a service, do it in the container's entrypoint; to install a tool, install its package (installing is fine: only calling it is reported).",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN service nginx start\n',
        good: 'FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3001'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const c of commandsOf(model, run)) {
        const name = baseName(c.name);
        if (name === undefined || !Object.hasOwn(POINTLESS, name)) continue;
        if (name === 'ssh' && c.words.some((w) => w.value === '-V')) continue;
        const [first] = c.words;
        if (first) ctx.report({ at: first, message: `\`${name}\` ${POINTLESS[name]}; it has no lasting effect in an image build` });
      }
    },
  },
});
