import type { Rule } from '../engine/rule.js';
import type { Severity } from '../types.js';
import { PRESET_NAMES, isPresetName, presetRules, type PresetName } from '../../rules/presets.js';
import { closest } from '../util/closest.js';
import { registry as builtinRegistry } from './registry.js';
import type { RuleRegistry } from '../engine/registry.js';
import { UsageError } from './errors.js';
import { defaultRules } from './select.js';

export { PRESET_NAMES, type PresetName };

/** The rules on before the config's `rules:` and the flags, with the severities and options a preset gives them. */
export interface BaseSelection {
  rules: Rule[];
  severities: Map<string, Severity>;
  ruleOptions: Map<string, Record<string, unknown>>;
}

/** Preset names from flags or config (`strict`, `pss-baseline,pss-restricted`); `error` names an unknown one and the closest preset. */
export function parsePresetNames(values: readonly string[]): { names: PresetName[]; error?: string } {
  const names: PresetName[] = [];
  for (const value of values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)) {
    if (!isPresetName(value)) {
      const suggestion = closest(value, PRESET_NAMES);
      return {
        names,
        error: `unknown preset "${value}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; presets: ${PRESET_NAMES.join(', ')}`,
      };
    }
    if (!names.includes(value)) names.push(value);
  }
  return { names };
}

/**
 * The base selection of one or more presets at a Kubernetes version: the union of their rules, a
 * later preset's severity and options winning over an earlier one's. The engine's own rules (`meta`:
 * unused or unexplained suppressions) stay on as in the default set, whatever the preset.
 */
export function presetSelection(
  names: readonly PresetName[],
  kubernetesVersion: string,
  registry: RuleRegistry = builtinRegistry,
): BaseSelection {
  const enabled = new Set<string>();
  const severities = new Map<string, Severity>();
  const ruleOptions = new Map<string, Record<string, unknown>>();
  for (const name of names) {
    for (const [id, setting] of presetRules(name, registry.all, kubernetesVersion).rules) {
      enabled.add(id);
      if (setting.severity) severities.set(id, setting.severity);
      if (setting.options) ruleOptions.set(id, { ...registry.byId(id).meta.options?.defaults, ...ruleOptions.get(id), ...setting.options });
    }
  }
  for (const rule of registry.all)
    if (rule.meta.category === 'meta' && rule.meta.status === 'stable' && !rule.meta.optIn) enabled.add(rule.meta.id);
  return { rules: registry.all.filter((r) => enabled.has(r.meta.id)), severities, ruleOptions };
}

/**
 * The base of a run: the presets the caller named (flags; an unknown one is a UsageError), else the
 * config's `preset:` (checked when the config was loaded), else the default rules.
 */
export function baseSelection(
  flagPresets: readonly string[],
  configPresets: readonly string[],
  kubernetesVersion: string,
  registry: RuleRegistry = builtinRegistry,
): BaseSelection | Rule[] {
  const fromFlags = parsePresetNames(flagPresets);
  if (fromFlags.error) throw new UsageError(fromFlags.error);
  const names = fromFlags.names.length > 0 ? fromFlags.names : parsePresetNames(configPresets).names;
  return names.length > 0 ? presetSelection(names, kubernetesVersion, registry) : defaultRules(registry);
}
