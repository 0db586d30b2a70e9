import { composeLiteral, describeService } from '../_lib/compose-service.js';
import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'compose-host-user-namespace',
    title: 'Service shares the host user namespace',
    severity: 'warning',
    category: 'compose',
    status: 'stable',
    since: '0.1.0',
    aliases: ['8af7162d-6c98-482f-868e-0d33fb675ca8'],
    rationale:
      'On a Docker daemon that remaps users (`userns-remap`), root in a container is an unprivileged user on the host. `userns_mode: host` turns that off for the service: root in the container is root on the host, so a file written through a mount or a breakout keeps full privileges. It is the Compose counterpart of Kubernetes `hostUsers: true`, and written only to opt out of the protection. On a daemon without remapping it changes nothing, but the file then weakens whichever host runs it with remapping. Same as KICS "Shared Host User Namespace".',
    remediation:
      'Remove `userns_mode: host`. When the service needs host user ids for a bind mount, give the mounted files to the remapped user instead (`chown` to the subordinate id range in `/etc/subuid`).',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  agent:\n    image: ghcr.io/acme/agent:1.4\n    userns_mode: host\n',
        good: 'services:\n  agent:\n    image: ghcr.io/acme/agent:1.4\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#userns_mode',
      'https://docs.docker.com/engine/security/userns-remap/',
    ],
  },
  handlers: {
    'compose:service': (service, ctx) => {
      const mode = composeLiteral(service, 'userns_mode');
      if (mode?.text.trim() !== 'host') return;
      ctx.report({
        at: mode.node,
        message: `${describeService(service)} uses the host user namespace (userns_mode: host): root in the container is root on the host`,
      });
    },
  },
});
