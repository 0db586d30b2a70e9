import type { FixProposal, RuleContext } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction, Stage } from '../../src/model/dockerfile.js';
import type { ModelNode } from '../../src/model/node.js';
import { covering } from '../../src/model/parts.js';
import {
  hasCacheMount,
  isInstall,
  packageCommandsOf,
  parsePackageCommand,
  unpinnedPackages,
  type Manager,
  type PackageCommand,
} from './packages.js';
import { finalChain } from './dockerfile.js';
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
  return [p.command.name ?? p.manager, p.tool === 'uv' ? 'pip' : undefined, p.actionWord?.value].filter(Boolean).join(' ');
}

/**
 * Whether a RUN's caches end up in the shipped image: it is in the final stage or in one of the
 * stages the final stage is built `FROM`. (A cache left in a builder stage costs nothing.)
 * ONBUILD triggers always count: they run in the image that builds on this one.
 */
export function shipsInImage(run: DockerInstruction, model: DockerfileModel): boolean {
  if (run.onbuild || !run.stage) return true;
  let stages = shippedStages.get(model);
  if (!stages) shippedStages.set(model, (stages = new Set(finalChain(model))));
  return stages.has(run.stage);
}

const shippedStages = new WeakMap<DockerfileModel, Set<Stage>>();

/** From the command name to its subcommand (`apt-get install`), where findings about the call point. */
export function callNode(p: PackageCommand): ModelNode {
  const first = p.command.words[0] ?? p.command;
  return covering(first, p.actionWord ?? first);
}

/** Whether `pattern` occurs in this RUN or in an instruction before it in its stage chain (configuration written to a file, an ENV…). */
export function configuredBefore(run: DockerInstruction, pattern: RegExp): boolean {
  if (pattern.test(run.argsText)) return true;
  const stage = run.stage;
  if (!stage) return false;
  // An ONBUILD trigger runs after the whole chain.
  if (firstMatch(stage, pattern) < (run.onbuild ? Infinity : run.index)) return true;
  return stage.parent !== undefined && chainMatches(stage.parent, pattern);
}

const chainMatchesByStage = new WeakMap<Stage, Map<string, boolean>>();

/** Whether an instruction of `stage` or of the stages it is built FROM matches `pattern`; remembered per stage, so deep chains are walked once. */
function chainMatches(stage: Stage, pattern: RegExp): boolean {
  const key = `${pattern.source}/${pattern.flags}`;
  const memo = (s: Stage): Map<string, boolean> => {
    let byPattern = chainMatchesByStage.get(s);
    if (!byPattern) chainMatchesByStage.set(s, (byPattern = new Map<string, boolean>()));
    return byPattern;
  };
  const pending: Stage[] = [];
  let known: boolean | undefined;
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    known = memo(s).get(key);
    if (known !== undefined) break;
    pending.push(s);
  }
  let result = known ?? false;
  for (const s of pending.reverse()) {
    result ||= firstMatch(s, pattern) !== Infinity;
    memo(s).set(key, result);
  }
  return memo(stage).get(key) ?? result;
}

const firstMatches = new WeakMap<Stage, Map<string, number>>();

/** Model index of the first instruction of `stage` (ONBUILD triggers left out) whose arguments match `pattern`; computed once per stage and pattern. */
function firstMatch(stage: Stage, pattern: RegExp): number {
  const key = `${pattern.source}/${pattern.flags}`;
  let byPattern = firstMatches.get(stage);
  if (!byPattern) firstMatches.set(stage, (byPattern = new Map<string, number>()));
  let found = byPattern.get(key);
  if (found === undefined) {
    found = stage.instructions.find((i) => !i.onbuild && pattern.test(i.argsText))?.index ?? Infinity;
    byPattern.set(key, found);
  }
  return found;
}

/** Cleanup rules: reports `install`s of `managers` in a RUN that ships in the image, unless `cleaned` or a cache mount on `cacheDirs` says otherwise. */
export function reportUncleaned(
  run: DockerInstruction,
  ctx: RuleContext,
  model: DockerfileModel,
  opts: {
    managers: Manager[];
    cacheDirs: string[];
    isTrigger?: (p: PackageCommand) => boolean;
    cleaned: (commandsAfter: EffectiveCommand[], packagesAfter: PackageCommand[], lastInstall: PackageCommand) => boolean;
    message: (p: PackageCommand) => string;
    /** The fix of the finding, given every offending call of the RUN. */
    fix?: (triggers: PackageCommand[]) => FixProposal | undefined;
  },
): void {
  if (!shipsInImage(run, model) || hasCacheMount(run, opts.cacheDirs)) return;
  const commands = commandsOf(model, run);
  const packages = commands.flatMap((c) => {
    const p = parsePackageCommand(c);
    return p ? [p] : [];
  });
  const triggers = packages.filter((p) => opts.managers.includes(p.manager) && (opts.isTrigger ?? isInstall)(p));
  const trigger = triggers[0];
  const last = triggers.at(-1);
  if (!trigger || !last) return;
  // A cleanup before the (last) install leaves that install's cache behind: only what follows it counts.
  const after = commands.indexOf(last.command);
  if (
    opts.cleaned(
      commands.slice(after + 1),
      packages.filter((p) => commands.indexOf(p.command) > after),
      last,
    )
  )
    return;
  const fix = opts.fix?.(triggers);
  ctx.report({ at: callNode(trigger), message: opts.message(trigger), ...(fix && { fix }) });
}
