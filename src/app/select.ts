import type { Rule } from '../engine/rule.js';
import { hadolintRuleOptions, type Config, type RuleLevel } from '../config/load.js';
import type { Severity } from '../types.js';
import { closest } from '../util/closest.js';
import { UsageError } from './errors.js';
import { registry as builtinRegistry } from './registry.js';
import type { RuleRegistry } from '../engine/registry.js';
import type { BaseSelection } from './presets.js';

export interface Selection {
  rules: Rule[];
  severities: Map<string, Severity>;
  ruleOptions: Map<string, Record<string, unknown>>;
}

/** The rules on before config and flags when no preset is chosen: every stable rule that is not opt-in (the `recommended` preset). */
export function defaultRules(registry: RuleRegistry = builtinRegistry): Rule[] {
  return registry.all.filter((r) => r.meta.status === 'stable' && !r.meta.optIn);
}

/**
 * Which rules run, at which severity and with which options. Layers, later ones winning: `base`
 * (default: {@link defaultRules}; a preset's rules with its severities and options), the config
 * (hadolint's top-level keys, then `rules:`), `only` (run just these, plus meta rules), `disabled`.
 * Unknown ids in `only`/`disabled` throw a UsageError. `registry`: the rules of the run (built-in ones,
 * plus the plugin and custom rules its config adds).
 */
export function selectRules(
  config: Config,
  only: readonly string[],
  disabled: readonly string[],
  base: readonly Rule[] | BaseSelection = defaultRules(),
  registry: RuleRegistry = builtinRegistry,
): Selection {
  const fromPreset = 'rules' in base ? base : undefined;
  const severities = new Map<string, Severity>(fromPreset?.severities);
  const ruleOptions = new Map<string, Record<string, unknown>>(fromPreset?.ruleOptions);
  const enabled = new Set<Rule>(fromPreset ? fromPreset.rules : (base as readonly Rule[]));
  // hadolint's top-level keys first, so options under `rules:` override them.
  for (const [id, options] of hadolintRuleOptions(config, registry.all))
    ruleOptions.set(id, { ...registry.byId(id).meta.options?.defaults, ...ruleOptions.get(id), ...options });
  for (const [id, setting] of Object.entries(config.rules)) {
    const rule = registry.byId(id);
    const level: RuleLevel | undefined = typeof setting === 'string' ? setting : setting.severity;
    if (typeof setting === 'object' && setting.options)
      ruleOptions.set(id, { ...rule.meta.options?.defaults, ...ruleOptions.get(id), ...setting.options });
    if (level === 'off') enabled.delete(rule);
    else if (level !== undefined) {
      enabled.add(rule);
      if (level !== 'on') severities.set(id, level);
    }
  }
  if (only.length > 0) {
    const chosen = new Set(only.map((id) => resolveRule(id, registry)));
    for (const rule of [...enabled]) if (!chosen.has(rule) && rule.meta.category !== 'meta') enabled.delete(rule);
    for (const rule of chosen) enabled.add(rule);
  }
  // Rules that run another program are switched on by their own config key (`shellcheck: true`).
  for (const rule of registry.all)
    if (rule.requires && (config as unknown as Record<string, unknown>)[rule.requires.enabledBy] === true) enabled.add(rule);
  for (const id of disabled) enabled.delete(resolveRule(id, registry));
  enabled.add(registry.internalError);
  return { rules: registry.all.filter((r) => enabled.has(r)), severities, ruleOptions };
}

/** The rule with this id or alias; a UsageError naming the closest id otherwise. */
export function resolveRule(id: string, registry: RuleRegistry = builtinRegistry): Rule {
  const rule = registry.resolve(id);
  if (!rule) {
    const suggestion = closest(
      id,
      registry.all.map((r) => r.meta.id),
    );
    throw new UsageError(`unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; see k8slint rules`);
  }
  return rule;
}
