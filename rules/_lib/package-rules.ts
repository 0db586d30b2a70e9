import type { RuleContext } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction, Stage } from '../../src/model/dockerfile.js';
import type { Span } from '../../src/types.js';
import { hasCacheMount, isInstall, packageCommandsOf, parsePackageCommand, unpinnedPackages, type Manager, type PackageCommand } from './packages.js';
import { finalChain, instructionsBefore } from './dockerfile.js';
import { commandsOf, type EffectiveCommand } from './shell.js';

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

/** The span from the command name to its subcommand (`apt-get install`), where findings about the call point. */
export function callSpan(p: PackageCommand): Span {
  const first = p.command.words[0];
  const last = p.actionWord ?? first;
  return { line: first.span.line, column: first.span.column, endLine: last.span.endLine, endColumn: last.span.endColumn };
}

/** Whether `pattern` occurs in this RUN or in an instruction before it in its stage chain (configuration written to a file, an ENV…). */
export function configuredBefore(run: DockerInstruction, pattern: RegExp): boolean {
  if (pattern.test(run.argsText)) return true;
  return instructionsBefore(run).some((i) => pattern.test(i.argsText));
}

/** Cleanup rules: reports `install`s of `managers` in a RUN that ships in the image, unless `cleaned` or a cache mount on `cacheDirs` says otherwise. */
export function reportUncleaned(
  run: DockerInstruction, ctx: RuleContext, model: DockerfileModel,
  opts: { managers: Manager[]; cacheDirs: string[]; isTrigger?: (p: PackageCommand) => boolean; cleaned: (commands: EffectiveCommand[], packages: PackageCommand[]) => boolean; message: (p: PackageCommand) => string },
): void {
  if (!shipsInImage(run, model) || hasCacheMount(run, opts.cacheDirs)) return;
  const commands = commandsOf(model, run);
  const packages = commands.flatMap((c) => {
    const p = parsePackageCommand(c);
    return p ? [p] : [];
  });
  const triggers = packages.filter((p) => opts.managers.includes(p.manager) && (opts.isTrigger ?? isInstall)(p));
  if (triggers.length === 0 || opts.cleaned(commands, packages)) return;
  ctx.report({ at: { span: callSpan(triggers[0]) }, message: opts.message(triggers[0]) });
}
