import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'invalid-port',
    title: 'EXPOSE a port outside 0-65535',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3011', 'DS008', 'DS-0008', 'AVD-DS-0008'],
    rationale:
      'TCP and UDP ports are 16-bit numbers. An EXPOSE outside 0-65535 is a typo that Docker rejects when the image is built or run.',
    remediation:
      'Fix the port number (`EXPOSE 8080`). Ranges (`8000-8010`) and protocols (`53/udp`) are accepted; ports from variables are not judged.',
    examples: [{ lang: 'dockerfile', bad: 'FROM nginx:1.27\nEXPOSE 80800\n', good: 'FROM nginx:1.27\nEXPOSE 8080\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3011'],
  },
  handlers: {
    'dockerfile:EXPOSE': (expose, ctx) => {
      for (const arg of expose.args) {
        if (arg.value.includes('$')) continue;
        const ports = arg.value.replace(/\/\w+$/, '').replace(/^.*:/, '');
        for (const part of ports.split('-')) {
          if (/^\d+$/.test(part) && Number(part) > 65535) {
            ctx.report({ at: arg, message: `EXPOSE port ${part} is outside 0-65535` });
            break;
          }
        }
      }
    },
  },
});
