import { defineRule } from '../../src/engine/rule.js';
import { chainInstructions, finalChain } from '../_lib/dockerfile.js';
import { commandsOf, baseName } from '../_lib/shell.js';

/** Tools entrypoint scripts use to drop root before starting the service (docker-library images). */
const PRIVILEGE_DROPPERS = new Set(['gosu', 'su-exec', 'setpriv', 'chpst', 'runuser', 's6-setuidgid', 'setuidgid']);

export default defineRule({
  meta: {
    id: 'missing-user',
    title: 'No `USER` in the final stage',
    severity: 'info',
    category: 'security',
    status: 'preview',
    since: '0.1.0',
    aliases: ['CKV_DOCKER_3'],
    rationale: 'An image that sets no `USER` runs as its base image\'s user, which is root for nearly every base image. A container whose user is root is one kernel or runtime bug away from root on the node, and inside the container it can rewrite its own binaries. Kubernetes `runAsNonRoot: true` refuses to start such an image, so a root default also blocks hardened clusters.',
    remediation: 'Create an unprivileged user and switch to it at the end of the final stage: `RUN useradd --uid 10001 --no-log-init app` … `USER 10001`. Only the final stage and the stages it is built `FROM` are judged. This rule is a preview, off by default: k8slint does not pull the base image, so it cannot tell whether the base already sets a non-root user (232 of the 314 real-world Dockerfiles we test with set none and drop no privileges, NVIDIA NGC and docker-library images among them). Not reported: `FROM scratch` images that set no user, base images named `nonroot`/`rootless`, and images that install gosu, su-exec, setpriv or similar to drop root in their entrypoint, as docker-library images do.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM python:3.12-slim\nCOPY app /app\nCMD ["python", "/app/main.py"]\n',
        good: 'FROM python:3.12-slim\nRUN useradd --uid 10001 --no-log-init app\nCOPY app /app\nUSER 10001\nCMD ["python", "/app/main.py"]\n',
      },
    ],
    references: ['https://docs.docker.com/build/building/best-practices/#user', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const chain = finalChain(model);
      const root = chain[0];
      const final = chain.at(-1);
      if (!root || !final) return;
      const instructions = chainInstructions(final);
      if (instructions.some((i) => i.keyword === 'USER' && i.args.length > 0)) return;
      const base = root.image.resolved.toLowerCase();
      if (base === 'scratch') return;
      if (/nonroot|rootless/.test(base)) return;
      const drops = instructions.some((i) => i.keyword === 'RUN' && commandsOf(model, i).some((c) => PRIVILEGE_DROPPERS.has(baseName(c.name) ?? '') || c.words.some((w) => w.value !== undefined && /(^|[\s/])(gosu|su-exec)([\s.@=-]|$)/.test(w.value))));
      if (drops) return;
      ctx.report({ at: final.image, message: `no USER is set in the final stage${chain.length > 1 ? ' or the stages it is built from' : ''}, so the image runs as the base image's user (root for "${root.image.resolved}" unless it sets one)` });
    },
  },
});
