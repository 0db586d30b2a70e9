import { defineRule } from '../../src/engine/rule.js';
import type { RuleContext } from '../../src/engine/rule.js';
import type { DockerInstruction, Stage } from '../../src/model/dockerfile.js';
import { baseImageUser, matchesImagePattern, normalisedImageName } from '../_lib/base-images.js';
import { chainInstructions, finalChain } from '../_lib/dockerfile.js';
import { dropsPrivileges, lastOf, startsThroughEntrypointScript } from '../_lib/image-user.js';

export default defineRule({
  meta: {
    id: 'missing-user',
    title: 'No `USER` in the final stage of an image whose base runs as root',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['CKV_DOCKER_3'],
    rationale:
      'An image that sets no `USER` runs as its base image\'s user, which is root for the OS images (Debian, Ubuntu, Alpine), the official language images (python, node, golang…), CUDA and NVIDIA NGC images. A container whose user is root is one kernel or runtime bug away from root on the node, and inside the container it can rewrite its own binaries. Kubernetes `runAsNonRoot: true` refuses to start such an image, so a root default also blocks hardened clusters.',
    remediation:
      'Create an unprivileged user and switch to it at the end of the final stage: `RUN useradd --uid 10001 --no-log-init app` … `USER 10001` (a numeric id lets Kubernetes verify `runAsNonRoot`), or build on an image that already runs unprivileged (distroless `:nonroot`, Chainguard, `nginxinc/nginx-unprivileged`).\n\n' +
      'Only the final stage and the stages it is built `FROM` are judged; a `USER` in any of them counts (a last `USER root` is `image-runs-as-root`\'s finding). k8slint does not pull images, so it judges the base image from a list of well-known images (`rules/_lib/base-images.ts`):\n\n' +
      '- **warning**: the base is known to run as root (OS images, docker-library language and web-server images, `nvidia/cuda`, `nvcr.io/nvidia/*`, `pytorch/pytorch`, distroless without `:nonroot`, UBI OS images…) and `FROM scratch`.\n' +
      '- **silent**: the base is known to run unprivileged (distroless `:nonroot`/`:debug-nonroot`, `cgr.dev/chainguard/*` except `wolfi-base` and `-dev` tags, Bitnami, `nginxinc/nginx-unprivileged`, Jupyter, `rayproject/ray`, UBI language images, any image whose name or tag says `nonroot`/`rootless`/`unprivileged`), `FROM scratch`, Windows base images (their users are not judged by `runAsNonRoot`), and images listed in the `nonRootBaseImages` option. `FROM scratch` is not silent when it sets an ENTRYPOINT or CMD (a scratch image with neither only carries files, like an OLM bundle): with no USER, its process runs as uid 0, which `runAsNonRoot` refuses (add `USER 65532:65532`; no /etc/passwd is needed for a numeric id).\n' +
      '- **info**: anything else (private base images, `FROM ${BASE}` without a default): k8slint cannot know their user. List the ones you know run unprivileged in `nonRootBaseImages`, or set `unknownBaseImages: false` to silence these.\n\n' +
      '**Images that drop root at start are not reported.** docker-library\'s database images (postgres, redis, mysql, mariadb, mongo, rabbitmq…) start as root on purpose: their `docker-entrypoint.sh` fixes the ownership of the data directory, then re-executes itself as the service user with `gosu` or `su-exec`, so the service never runs as root. k8slint recognises this pattern and stays silent when the image installs or calls gosu, su-exec, setpriv, runuser, chpst or s6-setuidgid in a RUN, when its ENTRYPOINT or CMD goes through one of them (or `su … -c`), and when it is built on one of those database images and keeps an entrypoint script (`docker-entrypoint.sh`). Those entrypoints drop root only when they start the image\'s own service (`redis-server`, `postgres`, options such as `--appendonly yes`): when an image replaces the entrypoint, or its CMD starts something else (`CMD /run.sh`), k8slint cannot tell whether root is still dropped and reports an info. In Kubernetes the better practice is still to run the container unprivileged from the start (`runAsUser`, `fsGroup` for the volume ownership).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM python:3.12-slim\nCOPY app /app\nCMD ["python", "/app/main.py"]\n',
        good: 'FROM python:3.12-slim\nRUN useradd --uid 10001 --no-log-init app\nCOPY app /app\nUSER 10001\nCMD ["python", "/app/main.py"]\n',
      },
    ],
    references: ['https://docs.docker.com/build/building/best-practices/#user', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/', 'https://github.com/docker-library/postgres/blob/master/docker-entrypoint.sh'],
    options: {
      schema: {
        type: 'object',
        properties: {
          nonRootBaseImages: { type: 'array', items: { type: 'string' }, description: 'Base images known to run as a non-root user (`registry.example.com/base/*`, `myorg/**`; `*` matches within a path segment, a trailing `/**` any depth); images built on them are not reported.' },
          unknownBaseImages: { type: 'boolean', description: 'Report (as info) images built on a base image k8slint knows nothing about.' },
        },
        additionalProperties: false,
      },
      defaults: { nonRootBaseImages: [], unknownBaseImages: true },
    },
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const chain = finalChain(model);
      const final = chain[chain.length - 1];
      const root = chain[0];
      if (!final || !root) return;
      const instructions = chainInstructions(final);
      if (instructions.some((i) => i.keyword === 'USER' && i.args.length > 0)) return;
      const image = root.image;
      if (matchesImagePattern(image.resolved, (ctx.options.nonRootBaseImages as string[] | undefined) ?? [])) return;
      if (dropsPrivileges(model, instructions)) return;

      const where = `no USER is set in the final stage${chain.length > 1 ? ' or the stages it is built from' : ''}`;
      if (image.fullyResolved && image.resolved.toLowerCase() === 'scratch') {
        // A scratch image with no ENTRYPOINT or CMD carries data (an OLM bundle, manifests, a model): it never runs as a container.
        if (!lastOf(instructions, 'ENTRYPOINT') && !lastOf(instructions, 'CMD')) return;
        ctx.report({ at: final.image, message: `${where}, and an image built FROM scratch has no user of its own, so it runs as uid 0 (root)` });
        return;
      }
      const user = baseImageUser(image.resolved);
      if (user === 'non-root' || user === 'windows') return;
      if (user === 'root') {
        ctx.report({ at: final.image, message: `${where}, so the image runs as root, the user of its base image "${image.resolved}"` });
        return;
      }
      if (user === 'drops-root') {
        const entrypoint = lastOf(instructions, 'ENTRYPOINT');
        if (entrypoint && !startsThroughEntrypointScript(entrypoint)) {
          reportUnknown(ctx, final, `${where}; the base image "${image.resolved}" starts as root and drops it in its docker-entrypoint.sh, which this ENTRYPOINT replaces`);
        } else if (!entrypoint && !runsBaseService(lastOf(instructions, 'CMD'), image.resolved)) {
          reportUnknown(ctx, final, `${where}; the base image "${image.resolved}" drops root in its docker-entrypoint.sh only when it starts its own service, and this CMD starts something else`);
        }
        return;
      }
      const what = image.fullyResolved ? `k8slint does not know the user of the base image "${image.resolved}"` : `the base image "${image.written}" is not known before the build`;
      reportUnknown(ctx, final, `${where} and ${what}: the image runs as root unless the base sets a non-root user (list such bases in the rule's nonRootBaseImages option)`);
    },
  },
});

/**
 * docker-library entrypoints drop root only for their own service (`redis-server`, `postgres`,
 * `mysqld`) or for options of it (`CMD ["--appendonly", "yes"]`); `CMD /run.sh` runs as root.
 */
function runsBaseService(cmd: DockerInstruction | undefined, base: string): boolean {
  if (!cmd) return true;
  const first = (cmd.execForm[0]?.value ?? cmd.args[0]?.value ?? '').split(/\s+/)[0] ?? '';
  const service = normalisedImageName(base).split('/').at(-1) ?? '';
  return first === '' || first.startsWith('-') || (service !== '' && first.includes(service));
}

function reportUnknown(ctx: RuleContext, final: Stage, message: string): void {
  if (ctx.options.unknownBaseImages === false) return;
  ctx.report({ at: final.image, message, severity: 'info' });
}
