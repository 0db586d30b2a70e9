import { defineRule } from '../../src/engine/rule.js';
import { hasOpt, removes } from '../_lib/packages.js';
import { reportUncleaned } from '../_lib/package-rules.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';

/** The cache folder set through ENV/ARG (`YARN_CACHE_FOLDER`, yarn 2+ `YARN_CACHE_FOLDER` / `YARN_GLOBAL_FOLDER`), when known. */
function configuredCache(model: DockerfileModel, run: DockerInstruction): string[] {
  return ['$YARN_CACHE_FOLDER', '$YARN_GLOBAL_FOLDER'].flatMap((v) => {
    const r = model.resolve(v, run);
    return r.complete && r.value ? [r.value.replace(/\/+$/, '')] : [];
  });
}

export default defineRule({
  meta: {
    id: 'yarn-cache-not-cleaned',
    title: '`yarn install` without `yarn cache clean` in the same RUN',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3060'],
    rationale:
      '`yarn install` fills a global package cache (often hundreds of megabytes). Unless the same RUN cleans it, the cache stays in that layer of the image.',
    remediation:
      "End the RUN with `&& yarn cache clean`, or mount a cache on yarn's cache folder (`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn …`, or on the folder `YARN_CACHE_FOLDER` names). Only stages that end up in the image are checked, so a builder stage whose node_modules are copied out is not reported.",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM node:20\nRUN yarn install --frozen-lockfile\n',
        good: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3060'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) =>
      reportUncleaned(run, ctx, model, {
        managers: ['yarn'],
        cacheDirs: [
          '/usr/local/share/.cache/yarn',
          '*/.cache/yarn',
          '*/.cache',
          '*/.yarn/cache',
          '*/.yarn/berry/cache',
          '*/.yarn-cache',
          '/tmp/.yarn-cache',
          ...configuredCache(model, run),
        ],
        isTrigger: (p) => p.action === 'install' && !hasOpt(p, '--cache-folder'),
        cleaned: (commands, packages) =>
          packages.some((p) => p.manager === 'yarn' && p.action === 'cache' && p.operands[0]?.value === 'clean') ||
          removes(commands, /\.cache\/yarn|\.yarn-cache|\.yarn\/cache/),
        message: () => '`yarn install` leaves its package cache in the image: this RUN does not run `yarn cache clean`',
      }),
  },
});
