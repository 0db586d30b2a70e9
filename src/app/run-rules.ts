import { dirname, relative } from 'node:path';
import { RuleRegistry } from '../engine/registry.js';
import type { Rule } from '../engine/rule.js';
import { findConfig, loadConfig, readConfigData, type Config } from '../config/load.js';
import { customRuleLoader, customRuleLoadFailure, hasCustomRulesFolder } from './custom-rules.js';
import { ConfigError } from './errors.js';
import { loadPlugins } from './plugins.js';
import { registry as builtinRegistry } from './registry.js';

/** A run's config and its rules: the built-in ones plus those its config adds (plugins, custom rules). */
export interface RunRules {
  config: Config;
  registry: RuleRegistry;
  /** The plugin and custom rules, in registry order after the built-in ones. */
  extra: readonly Rule[];
}

const listOf = (data: unknown, key: string): unknown[] | undefined => {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  // Anything but a list is left to the config's validation, which names the key.
  return Array.isArray(value) ? value : undefined;
};

/**
 * Loads the config file (none: the defaults) with the rules it adds, and validates it against all of
 * them, so `rules:`, `ignores:`, flags and suppressions know plugin and custom rules as they know
 * built-in ones. A run without plugins or custom rules gets the built-in registry and loads nothing more.
 */
export function loadRunRules(configPath: string | undefined, cwd: string): RunRules {
  const data = configPath !== undefined ? readConfigData(configPath) : undefined;
  const configDir = configPath !== undefined ? dirname(configPath) : cwd;
  const extra: Rule[] = [];
  const plugins = listOf(data, 'plugins');
  if (plugins) extra.push(...loadPlugins(plugins, configPath, cwd));
  const inline = listOf(data, 'customRules') ?? [];
  // The config is parsed already: its `customRules:` entries are known without a second read of its text.
  if (inline.length > 0 || hasCustomRulesFolder(configDir))
    extra.push(...customRules(configPath, configDir, inline, cwd, [...builtinRegistry.all, ...extra]));
  if (extra.length === 0) return { config: loadConfig(configPath, builtinRegistry.all, data), registry: builtinRegistry, extra };
  checkIds(extra, configPath ?? configDir);
  const registry = new RuleRegistry([...builtinRegistry.all, ...extra]);
  return { config: loadConfig(configPath, registry.all, data), registry, extra };
}

/** The rules of the project at `cwd` (its nearest `.k8slint.yaml`, or `configPath`): for `k8slint rules`, `explain` and the API. */
export function projectRules(cwd: string, configPath?: string): RuleRegistry {
  return loadRunRules(configPath ?? findConfig(cwd), cwd).registry;
}

function customRules(
  configPath: string | undefined,
  configDir: string,
  inline: readonly unknown[],
  cwd: string,
  reserved: readonly Rule[],
): Rule[] {
  const load = customRuleLoader();
  if (!load) {
    const failure = customRuleLoadFailure();
    if (failure !== undefined) throw new ConfigError(`${configPath ?? configDir}: custom rules cannot be loaded: ${failure}`);
    throw new Error('custom rules were not loaded before the run (loadCustomRuleSupport)');
  }
  const { rules, errors } = load({ configDir, ...(configPath !== undefined && { configPath }), inline, reserved, cwd });
  if (errors.length > 0) throw new ConfigError(errors.map((e) => e.message).join('\n'));
  const name = relative(cwd, configPath ?? configDir) || '.';
  return rules.map((rule) => (rule.origin ? rule : { ...rule, origin: { kind: 'custom' as const, name } }));
}

/** Extra rules take ids no built-in rule has and no other extra rule has. */
function checkIds(extra: readonly Rule[], where: string): void {
  const seen = new Map<string, Rule>();
  for (const rule of extra) {
    const id = rule.meta.id.toLowerCase();
    const builtIn = builtinRegistry.resolve(id);
    if (builtIn && builtIn.meta.id.toLowerCase() === id)
      throw new ConfigError(`${where}: ${describe(rule)} has the id of the built-in rule ${builtIn.meta.id}; give it another`);
    const other = seen.get(id);
    if (other) throw new ConfigError(`${where}: ${describe(rule)} and ${describe(other)} have the same id`);
    seen.set(id, rule);
  }
}

function describe(rule: Rule): string {
  return `rule ${rule.meta.id}${rule.origin ? ` (${rule.origin.kind} ${rule.origin.name})` : ''}`;
}
