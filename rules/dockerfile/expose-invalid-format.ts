import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'expose-invalid-format',
    title: '`EXPOSE` with an IP address or a host port',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['ExposeInvalidFormat'],
    rationale:
      '`EXPOSE` documents a container port. An IP address or a `host:container` mapping (`EXPOSE 127.0.0.1:8080:80`, `EXPOSE 8080:80`) is a `docker run -p` setting: the image cannot publish ports, the extra parts are dropped, and Docker has announced that the form will become an error.',
    remediation:
      'Expose only the container port (`EXPOSE 80`) and publish it at run time (`docker run -p 127.0.0.1:8080:80`, or a Kubernetes Service).',
    examples: [{ lang: 'dockerfile', bad: 'FROM nginx:1.27\nEXPOSE 8080:80\n', good: 'FROM nginx:1.27\nEXPOSE 80\n' }],
    references: ['https://docs.docker.com/reference/build-checks/expose-invalid-format/'],
  },
  handlers: {
    'dockerfile:EXPOSE': (expose, ctx) => {
      for (const arg of expose.args) {
        if (!arg.value.replace(/\$\{[^}]*\}/g, 'x').includes(':')) continue;
        ctx.report({ at: arg, message: `EXPOSE ${arg.value} holds an IP address or a host port mapping; only the container port is kept` });
      }
    },
  },
});
