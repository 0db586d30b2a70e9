import { defineRule } from '../../src/engine/rule.js';
import { chainInstructions, finalChain } from '../_lib/dockerfile.js';
import { dropsPrivileges } from '../_lib/image-user.js';

export default defineRule({
  meta: {
    id: 'image-runs-as-root',
    title: 'The last `USER` of the image is root',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3002', 'CKV_DOCKER_8', 'DS002', 'DS-0002', 'AVD-DS-0002'],
    rationale: 'A container whose user is root is one kernel or runtime bug away from root on the node, and inside the container it can rewrite its own binaries. Kubernetes `runAsNonRoot: true` refuses to start such an image, so a root default also blocks hardened clusters.',
    remediation: 'Create an unprivileged user and switch to it at the end of the final stage: `RUN useradd --uid 10001 --no-log-init app` … `USER 10001`. Only the final stage and the stages it is built `FROM` are judged; build stages may switch to root and back freely (hadolint DL3002 reports them, see hadolint#405). Not reported either: images that drop root when they start, as docker-library\'s database images do (gosu, su-exec, setpriv, runuser… installed or called in a RUN, or in the ENTRYPOINT/CMD; see `missing-user`). An image that sets no USER at all is `missing-user`\'s finding, which judges the base image\'s own user.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM python:3.12-slim\nRUN useradd --uid 10001 --no-log-init app\nUSER app\nCOPY app /app\nUSER root\nCMD ["python", "/app/main.py"]\n',
        good: 'FROM python:3.12-slim\nRUN useradd --uid 10001 --no-log-init app\nCOPY app /app\nUSER 10001\nCMD ["python", "/app/main.py"]\n',
      },
    ],
    references: ['https://docs.docker.com/build/building/best-practices/#user', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const final = finalChain(model).at(-1);
      if (!final) return;
      const instructions = chainInstructions(final);
      const last = instructions.filter((i) => i.keyword === 'USER' && i.args.length > 0).at(-1);
      const arg = last?.args[0];
      if (!last || !arg) return;
      const value = model.resolve(arg.value, last).value;
      const user = value.split(':')[0];
      if (user !== 'root' && user !== '0') return;
      if (dropsPrivileges(model, instructions)) return;
      ctx.report({ at: arg, message: `the last USER of the final stage is "${value}", so the image runs as root` });
    },
  },
});
