import { defineRule } from '../../src/engine/rule.js';
import { packageCommandsOf, type PackageCommand } from '../_lib/packages.js';

const UPDATES = (p: PackageCommand): boolean => ((p.manager === 'apt-get' || p.manager === 'apt' || p.manager === 'aptitude' || p.manager === 'apk') && p.action === 'update');
const USES_INDEX = new Set(['install', 'add', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'fix', 'reinstall', 'safe-upgrade']);

export default defineRule({
  meta: {
    id: 'package-index-update-alone',
    title: 'Package index updated in a `RUN` that installs nothing',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DS017', 'DS-0017', 'AVD-DS-0017', 'CKV_DOCKER_5'],
    rationale: 'A `RUN apt-get update` of its own becomes a cached layer. When the install line below it changes, the builder reuses the old index from cache and installs package versions that may no longer exist on the mirror (404 errors) or that miss security fixes. The update only makes sense in the same `RUN` as the install.',
    remediation: 'Update and install in one RUN: `RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*` (for apk, `apk add --no-cache` needs no update at all). Checked: apt-get, apt, aptitude and apk `update`.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
        good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      },
    ],
    references: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
    fix: 'none',
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      const commands = packageCommandsOf(model, run);
      const update = commands.find(UPDATES);
      if (!update?.actionWord) return;
      if (commands.some((p) => p.action !== undefined && USES_INDEX.has(p.action))) return;
      ctx.report({ at: update.actionWord, message: `"${update.manager} update" runs in a RUN that installs nothing, so its index is cached apart from the install that needs it` });
    },
  },
});
