import { defineRule } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { packageCommandsOf, type PackageCommand } from '../_lib/packages.js';
import { stageChain } from '../_lib/dockerfile.js';

type Family = 'apt' | 'apk' | 'zypper';
const FAMILY: Partial<Record<PackageCommand['manager'], Family>> = {
  'apt-get': 'apt',
  apt: 'apt',
  aptitude: 'apt',
  apk: 'apk',
  zypper: 'zypper',
};
const UPDATE: Record<Family, string[]> = { apt: ['update'], apk: ['update'], zypper: ['refresh', 'ref'] };
const USES_INDEX: Record<Family, string[]> = {
  apt: ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'reinstall', 'safe-upgrade'],
  apk: ['add', 'upgrade', 'fix', 'fetch'],
  zypper: ['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si'],
};

const isUpdate = (p: PackageCommand): boolean => {
  const f = FAMILY[p.manager];
  return f !== undefined && p.action !== undefined && UPDATE[f].includes(p.action);
};
const usesIndex = (p: PackageCommand, family: Family): boolean =>
  FAMILY[p.manager] === family && p.action !== undefined && USES_INDEX[family].includes(p.action);

export default defineRule({
  meta: {
    id: 'package-index-update-alone',
    title: 'Package index updated in a `RUN` of its own',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DS017', 'DS-0017', 'AVD-DS-0017', 'CKV_DOCKER_5'],
    rationale:
      'A `RUN apt-get update` of its own becomes a cached layer. When the install line in a later `RUN` changes, the builder reuses the old index from cache and installs package versions that may no longer exist on the mirror (404 errors) or that miss security fixes. The update only works reliably in the same `RUN` as the install.',
    remediation:
      'Update and install in one RUN: `RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*` (for apk, `apk add --no-cache` needs no update at all). Checked: apt-get/apt/aptitude and apk `update`, zypper `refresh`, when a later RUN of the stage (or of a stage built from it) installs with the same package manager. The finding points at the update, which is what moves; KICS points at the install instead. `yum update`/`dnf update` are not judged: they upgrade packages, and yum/dnf re-check the age of their metadata on install.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
        good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      },
    ],
    references: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      if (run.onbuild) return;
      const commands = packageCommandsOf(model, run);
      const update = commands.find(isUpdate);
      if (!update?.actionWord) return;
      const family = FAMILY[update.manager] as Family;
      if (commands.some((p) => usesIndex(p, family))) return;
      const later = laterInstall(model, run, family);
      if (!later) return;
      ctx.report({
        at: update.actionWord,
        message: `"${update.manager} ${update.action}" runs alone, so the install in the RUN on line ${later.span.line} can use a stale cached index`,
      });
    },
  },
});

function laterInstall(model: DockerfileModel, run: DockerInstruction, family: Family): DockerInstruction | undefined {
  return model.instructions.find(
    (i) =>
      i.keyword === 'RUN' &&
      !i.onbuild &&
      i.span.line > run.span.line &&
      i.stage !== undefined &&
      run.stage !== undefined &&
      stageChain(i.stage).includes(run.stage) &&
      packageCommandsOf(model, i).some((p) => usesIndex(p, family)),
  );
}
