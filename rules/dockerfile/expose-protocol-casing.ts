import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'expose-protocol-casing',
    title: '`EXPOSE` protocol is not lower case',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['ExposeProtoCasing'],
    rationale:
      "The protocol of an `EXPOSE` port is `tcp` or `udp` in lower case. Docker accepts `80/TCP` today, but other tools that read the image config compare the text as written. Docker's build checks warn about it as ExposeProtoCasing.",
    remediation: 'Write the protocol in lower case: `EXPOSE 53/udp`.',
    examples: [
      { lang: 'dockerfile', bad: 'FROM coredns/coredns:1.11.3\nEXPOSE 53/UDP\n', good: 'FROM coredns/coredns:1.11.3\nEXPOSE 53/udp\n' },
    ],
    references: ['https://docs.docker.com/reference/build-checks/expose-proto-casing/'],
  },
  handlers: {
    'dockerfile:EXPOSE': (expose, ctx, model) => {
      for (const arg of expose.args) {
        const slash = arg.value.lastIndexOf('/');
        if (slash === -1 || arg.value.includes('$')) continue;
        const proto = arg.value.slice(slash + 1);
        if (proto === proto.toLowerCase()) continue;
        ctx.report({
          at: model.parts.slice(arg, slash + 1, arg.value.length),
          message: `EXPOSE ${arg.value} writes the protocol "${proto}" instead of "${proto.toLowerCase()}"`,
        });
      }
    },
  },
});
