import { defineRule } from '../../src/engine/rule.js';
import { baseImageUser } from '../_lib/base-images.js';
import { chainInstructions, finalChain } from '../_lib/dockerfile.js';

export default defineRule({
  meta: {
    id: 'user-not-numeric',
    title: 'The image\'s `USER` is a name, not a numeric id',
    severity: 'info',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3066'],
    rationale:
      'A user name is resolved through the image\'s `/etc/passwd` when the container starts; the host, the runtime and Kubernetes do not know it. With `runAsNonRoot: true` and no `runAsUser`, the kubelet refuses to start a container whose image user is a name ("image has non-numeric user, cannot verify user is non-root"), and tools that map ids between host and container (volume ownership, user namespaces) need the number.',
    remediation:
      'Create the user with a fixed id and switch to it by number: `RUN useradd --uid 10001 --no-log-init app` … `USER 10001` (`USER 10001:10001` for the group too). ' +
      'Judged: the last USER of the final stage and the stages it is built `FROM`, which is the user the container runs as; hadolint (DL3066) reports every USER of every stage, but a build stage\'s user never reaches a cluster. Not reported: `root` (`image-runs-as-root`\'s finding), users held in a build argument with no default, and Windows images (`ContainerUser` is a name by design).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12-slim\nRUN useradd --uid 10001 --no-log-init app\nUSER app\n',
        good: 'FROM debian:12-slim\nRUN useradd --uid 10001 --no-log-init app\nUSER 10001\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3066', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const chain = finalChain(model);
      const final = chain.at(-1);
      if (!final || (chain[0] && baseImageUser(chain[0].image.resolved) === 'windows')) return;
      const last = chainInstructions(final).filter((i) => i.keyword === 'USER' && i.args.length > 0).at(-1);
      const arg = last?.args[0];
      if (!last || !arg || model.shellFor(last).nonPosix) return;
      const { value, complete } = model.resolve(arg.value, last);
      const user = value.split(':')[0] ?? '';
      if (!complete || user === '' || /^\d+$/.test(user) || user === 'root') return;
      ctx.report({ at: arg, message: `USER "${value}" names the user; a numeric id (USER 10001) lets Kubernetes verify runAsNonRoot and does not depend on the image's /etc/passwd` });
    },
  },
});
