import type { EngineOutcome, Rule } from './rule.js';

export class RuleRegistry {
  private readonly byKey = new Map<string, Rule>();

  constructor(readonly all: readonly Rule[]) {
    for (const rule of all) this.byKey.set(rule.meta.id.toLowerCase(), rule);
    for (const rule of all)
      for (const alias of rule.meta.aliases) if (!this.byKey.has(alias.toLowerCase())) this.byKey.set(alias.toLowerCase(), rule);
  }

  /** The rule with this id or alias (case-insensitive). */
  resolve(idOrAlias: string): Rule | undefined {
    return this.byKey.get(idOrAlias.toLowerCase());
  }

  byId(id: string): Rule {
    const rule = this.byKey.get(id);
    if (!rule || rule.meta.id !== id) throw new Error(`unknown rule ${id}`);
    return rule;
  }

  /** The rule that reports this outcome of the engine. */
  reporting(outcome: EngineOutcome): Rule {
    const rule = this.all.find((r) => r.reports === outcome);
    if (!rule) throw new Error(`no rule reports ${outcome}`);
    return rule;
  }

  /** The rule a rule that throws is reported as; always enabled. */
  get internalError(): Rule {
    return this.reporting('rule-failure');
  }
}
