import type { DockerInstruction, DockerProperty, Stage } from '../model/dockerfile.js';

interface Event<T> {
  seq: number;
  value: T;
  /** The ARG/ENV property that set a variable. */
  property?: DockerProperty;
}

interface StageScope {
  parent?: StageScope;
  /** ARG/ENV assignments by name, in order. */
  variables: Map<string, Array<Event<string | undefined>>>;
  shells: Array<Event<DockerInstruction>>;
  /** Sequence number of the first instruction of each keyword. */
  firstOfKeyword: Map<string, number>;
  instructions: DockerInstruction[];
  /** What the whole stage chain up to and including this stage leaves behind, by question and key; filled on first use (after the stage is complete). */
  chainMemo: Map<string, { value: unknown }>;
}

/** The last event before `limit`, by binary search (events are appended in sequence order). */
function lastBefore<T>(events: Array<Event<T>> | undefined, limit: number): Event<T> | undefined {
  if (!events) return undefined;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid]?.seq ?? Infinity) < limit) lo = mid + 1;
    else hi = mid;
  }
  return events[lo - 1];
}

/**
 * What ARG, ENV and SHELL instructions have set at each point of each stage chain, recorded once
 * while the model is built, so that looking up a variable or the shell at an instruction does not
 * rescan the instructions before it. ONBUILD triggers set nothing (they run in another build).
 */
export class VariableTimeline {
  private seq = 0;
  private readonly scopes = new Map<Stage, StageScope>();
  private readonly startOf = new Map<DockerInstruction, number>();
  private scope: StageScope | undefined;

  enterStage(stage: Stage): void {
    this.scope = {
      parent: stage.parent ? this.scopes.get(stage.parent) : undefined,
      variables: new Map(),
      shells: [],
      firstOfKeyword: new Map(),
      instructions: [],
      chainMemo: new Map(),
    };
    this.scopes.set(stage, this.scope);
  }

  /** Records an instruction of the current stage; `substitute` expands a value with the variables set so far. */
  add(
    inst: DockerInstruction,
    substitute: (value: string) => string,
    globalArg: (name: string) => string | undefined,
    buildArg: (name: string) => string | undefined = () => undefined,
  ): void {
    const scope = this.scope;
    if (!scope) return;
    this.startOf.set(inst, ++this.seq);
    scope.instructions.push(inst);
    if (inst.onbuild) return;
    if (!scope.firstOfKeyword.has(inst.keyword)) scope.firstOfKeyword.set(inst.keyword, this.seq);
    if (inst.keyword === 'SHELL') scope.shells.push({ seq: this.seq, value: inst });
    if (inst.keyword !== 'ARG' && inst.keyword !== 'ENV') return;
    for (const p of inst.properties) {
      let value: string | undefined;
      // A build argument the builder passes replaces the ARG's default.
      const passed = inst.keyword === 'ARG' ? buildArg(p.name) : undefined;
      if (passed !== undefined) value = passed;
      else if (p.value !== undefined) value = substitute(p.value);
      else if (inst.keyword === 'ARG') value = this.current(p.name) ?? globalArg(p.name);
      const events = scope.variables.get(p.name) ?? [];
      events.push({ seq: ++this.seq, value, property: p });
      scope.variables.set(p.name, events);
    }
  }

  /** The value of `name` after everything recorded so far in the current stage chain. */
  current(name: string): string | undefined {
    return this.scope ? this.lookup(name, this.scope, Infinity)?.value : undefined;
  }

  /** The value of `name` just before `inst`, in its stage chain. */
  valueAt(name: string, inst: DockerInstruction): string | undefined {
    const scope = inst.stage && this.scopes.get(inst.stage);
    return scope ? this.lookup(name, scope, this.startOf.get(inst) ?? Infinity)?.value : undefined;
  }

  /** Whether an ARG or ENV before `inst` declares `name`; for an ONBUILD trigger, anywhere in its stage chain. */
  declaredBefore(name: string, inst: DockerInstruction): boolean {
    const scope = inst.stage && this.scopes.get(inst.stage);
    return scope ? this.lookup(name, scope, this.limitOf(inst)) !== undefined : false;
  }

  /** ARG and ENV properties named `name` before `inst` in its stage chain, in build order; for an ONBUILD trigger, anywhere in it. */
  declarationsBefore(name: string, inst: DockerInstruction): DockerProperty[] {
    const scope = inst.stage && this.scopes.get(inst.stage);
    if (!scope) return [];
    const limit = this.limitOf(inst);
    const own = (scope.variables.get(name) ?? []).filter((e) => e.seq < limit).flatMap((e) => (e.property ? [e.property] : []));
    const inherited = scope.parent
      ? this.chain(scope.parent, `decl:${name}`, (s, before: DockerProperty[] | undefined) => [
          ...(before ?? []),
          ...(s.variables.get(name) ?? []).flatMap((e) => (e.property ? [e.property] : [])),
        ])
      : [];
    return [...inherited, ...own];
  }

  /** Whether an instruction with `keyword` precedes `inst` in its stage chain; for an ONBUILD trigger, anywhere in it. */
  hasBefore(keyword: string, inst: DockerInstruction): boolean {
    const scope = inst.stage && this.scopes.get(inst.stage);
    if (!scope) return false;
    if ((scope.firstOfKeyword.get(keyword) ?? Infinity) < this.limitOf(inst)) return true;
    return scope.parent
      ? this.chain(scope.parent, `keyword:${keyword}`, (s, before: boolean | undefined) => !!before || s.firstOfKeyword.has(keyword))
      : false;
  }

  /** Instructions that precede `inst` in its stage chain, in build order; for an ONBUILD trigger, the whole chain. ONBUILD triggers left out. */
  instructionsBefore(inst: DockerInstruction): DockerInstruction[] {
    const chain: StageScope[] = [];
    for (let scope = inst.stage && this.scopes.get(inst.stage); scope; scope = scope.parent) chain.unshift(scope);
    const own = chain[chain.length - 1];
    const out: DockerInstruction[] = [];
    for (const scope of chain) {
      for (const i of scope.instructions) {
        if (scope === own && i === inst && !inst.onbuild) return out;
        if (!i.onbuild) out.push(i);
      }
    }
    return out;
  }

  /** The last SHELL before `inst` in its stage chain. */
  shellAt(inst: DockerInstruction): DockerInstruction | undefined {
    const scope = inst.stage && this.scopes.get(inst.stage);
    if (!scope) return undefined;
    const own = lastBefore(scope.shells, this.startOf.get(inst) ?? Infinity);
    if (own) return own.value;
    return scope.parent
      ? this.chain<DockerInstruction | undefined>(
          scope.parent,
          'shell',
          (s, before: DockerInstruction | undefined) => s.shells[s.shells.length - 1]?.value ?? before,
        )
      : undefined;
  }

  private limitOf(inst: DockerInstruction): number {
    return inst.onbuild ? Infinity : (this.startOf.get(inst) ?? Infinity);
  }

  private lookup(name: string, scope: StageScope, limit: number): Event<string | undefined> | undefined {
    const own = lastBefore(scope.variables.get(name), limit);
    if (own) return own;
    return scope.parent
      ? this.chain<Event<string | undefined> | undefined>(
          scope.parent,
          `var:${name}`,
          (s, before: Event<string | undefined> | undefined) => lastBefore(s.variables.get(name), Infinity) ?? before,
        )
      : undefined;
  }

  /**
   * Folds `step` over the stage chain ending at `scope`, outermost stage first, remembering the
   * result for every stage on the way: each stage of a deep chain of stages is folded once per key.
   */
  private chain<T>(scope: StageScope, key: string, step: (scope: StageScope, before: T | undefined) => T): T {
    const pending: StageScope[] = [];
    let known: { value: unknown } | undefined;
    for (let s: StageScope | undefined = scope; s; s = s.parent) {
      known = s.chainMemo.get(key);
      if (known) break;
      pending.push(s);
    }
    let result = known?.value as T | undefined;
    for (let i = pending.length - 1; i >= 0; i--) {
      const s = pending[i]!;
      result = step(s, result);
      s.chainMemo.set(key, { value: result });
    }
    return result as T;
  }
}
