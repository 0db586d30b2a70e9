import type { RuleContext } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction, Stage } from '../../src/model/dockerfile.js';
import { packageCommandsOf, unpinnedPackages, type Manager, type PackageCommand } from './packages.js';
import { finalChain } from './dockerfile.js';

/** Reports every package of an install command by one of `managers` that names no version. */
export function reportUnpinned(run: DockerInstruction, ctx: RuleContext, model: DockerfileModel, managers: Manager[]): void {
  for (const p of packageCommandsOf(model, run)) {
    if (!managers.includes(p.manager)) continue;
    for (const word of unpinnedPackages(p)) {
      ctx.report({ at: word, message: `package "${word.value}" is not pinned to a version in \`${commandText(p)}\`` });
    }
  }
}

export function commandText(p: PackageCommand): string {
  return [p.command.name ?? p.manager, p.actionWord?.value].filter(Boolean).join(' ');
}

/**
 * Whether a RUN's caches end up in the shipped image: it is in the final stage or in one of the
 * stages the final stage is built `FROM`. (A cache left in a builder stage costs nothing.)
 * ONBUILD triggers always count: they run in the image that builds on this one.
 */
export function shipsInImage(run: DockerInstruction, model: DockerfileModel): boolean {
  if (run.onbuild || !run.stage) return true;
  return finalChain(model).includes(run.stage as Stage);
}
