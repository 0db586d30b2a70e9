import { defineRule, type FixProposal } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { insertAfter } from '../../src/model/edits.js';
import { hasCacheMount, packageCommandsOf } from '../_lib/packages.js';
import { callNode, shipsInImage } from '../_lib/package-rules.js';
import { commandsOf } from '../_lib/shell.js';
import { removes } from '../_lib/packages.js';

const LISTS = /^\/var\/lib\/apt(\/lists(\/\*?|\/\*\*)?|\/\*)?\/?$/;

export default defineRule({
  meta: {
    id: 'apt-lists-not-deleted',
    title: '`apt-get update` without removing /var/lib/apt/lists in the same RUN',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3009'],
    rationale:
      '`apt-get update` downloads the package lists (tens of megabytes) into /var/lib/apt/lists. Unless the same RUN deletes them, they stay in that layer of the image for good, and a later RUN cannot take the space back.',
    remediation:
      'End the RUN with `&& rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean` on apt 2.7.8 and later), or mount a cache over the lists (`RUN --mount=type=cache,target=/var/lib/apt/lists …`). Only stages that end up in the image (the final stage and the stages it is built FROM) are checked, as hadolint does. Unlike KICS, an `apt-get install` without `apt-get update` in the same RUN is not reported: it downloads no lists. Differences from hadolint: a cache mount on /var/lib/apt (or /var/lib/apt/lists) is enough, since the lists never reach the image; hadolint also asks for a cache mount on /var/cache/apt once docker-clean is removed, which concerns the .deb files, not the lists.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
        good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      },
    ],
    fixable: 'safe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3009'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      if (!shipsInImage(run, model) || hasCacheMount(run, ['/var/lib/apt/lists'])) return;
      const update = packageCommandsOf(model, run).find((p) => ['apt-get', 'apt', 'aptitude'].includes(p.manager) && p.action === 'update');
      if (!update || removes(commandsOf(model, run), LISTS)) return;
      // `apt-get dist-clean` (apt 2.7.8+) removes the lists too.
      if (packageCommandsOf(model, run).some((p) => (p.manager === 'apt-get' || p.manager === 'apt') && p.action === 'dist-clean')) return;
      const fix = removeListsFix(run, model);
      ctx.report({
        ...(fix && { fix }),
        at: callNode(update),
        message: `\`${update.command.name} update\` leaves the package lists in /var/lib/apt/lists: this RUN does not remove them`,
      });
    },
  },
});

/**
 * Appends `&& rm -rf /var/lib/apt/lists/*` to the RUN (shell form, no heredoc). Safe unless a later
 * RUN of the stage installs with apt without updating first: it would then find no lists.
 */
function removeListsFix(run: DockerInstruction, model: DockerfileModel): FixProposal | undefined {
  if (run.execForm.length > 0 || run.heredocs.length > 0 || run.onbuild || !run.stage) return undefined;
  const later = run.stage.instructions.filter((i) => i.keyword === 'RUN' && i.index > run.index);
  const needsLists = later.some((i) => /\bapt(-get)?\s.*\binstall\b/.test(i.argsText) && !/\bapt(-get)?\s+update\b/.test(i.argsText));
  // After a trailing `;` the removal is a command of its own; after `&`, `|`, `&&` or `||` nothing can follow safely.
  const end = run.argsText.replace(/\s+$/, '');
  if (/[&|]$/.test(end)) return undefined;
  return {
    safety: needsLists ? 'unsafe' : 'safe',
    description: 'remove /var/lib/apt/lists/* at the end of the RUN',
    edits: [
      insertAfter(model.parts.arguments(run), end.endsWith(';') ? ' rm -rf /var/lib/apt/lists/*' : ' && rm -rf /var/lib/apt/lists/*'),
    ],
  };
}
