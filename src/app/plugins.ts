import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Rule } from '../engine/rule.js';
import { ConfigError } from './errors.js';
import { pluginRuleProblems } from './plugin-rule-check.js';

/** A `plugins:` entry as npm package and rule namespace (`acme` → `k8slint-plugin-acme`, rules `acme/<rule>`). */
export interface PluginName {
  /** As written in the config. */
  entry: string;
  packageName: string;
  namespace: string;
}

const PREFIX = 'k8slint-plugin';
const NAMESPACE = /^[a-z0-9][a-z0-9-]*$/;
const RULE_KEY = /^[a-z0-9][a-z0-9-]*$/;

/**
 * ESLint's naming, with `/` as the only separator of a rule id: `acme` and `k8slint-plugin-acme` are
 * the package `k8slint-plugin-acme`, namespace `acme`; `@acme` and `@acme/k8slint-plugin` are
 * `@acme/k8slint-plugin`, namespace `acme`; `@acme/gpu` and `@acme/k8slint-plugin-gpu` are
 * `@acme/k8slint-plugin-gpu`, namespace `acme-gpu`. Undefined: not a plugin name.
 */
export function pluginName(entry: string): PluginName | undefined {
  const scoped = /^@([^/@\s]+)(?:\/([^/@\s]+))?$/.exec(entry);
  let packageName: string;
  let namespace: string;
  if (scoped) {
    const scope = scoped[1] ?? '';
    const rest = scoped[2];
    const suffix = rest === undefined || rest === PREFIX ? '' : rest.startsWith(`${PREFIX}-`) ? rest.slice(PREFIX.length + 1) : rest;
    packageName = `@${scope}/${PREFIX}${suffix ? `-${suffix}` : ''}`;
    namespace = suffix ? `${scope}-${suffix}` : scope;
  } else {
    if (entry.includes('/')) return undefined;
    namespace = entry.startsWith(`${PREFIX}-`) ? entry.slice(PREFIX.length + 1) : entry;
    packageName = `${PREFIX}-${namespace}`;
  }
  return NAMESPACE.test(namespace) ? { entry, packageName, namespace } : undefined;
}

interface PluginModule {
  meta?: { name?: unknown; version?: unknown };
  rules: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The plugin object of a loaded module: the module itself (CommonJS, or named `rules`), else its default export. */
function pluginObject(loaded: unknown): PluginModule | undefined {
  for (const candidate of [loaded, isObject(loaded) ? loaded.default : undefined])
    if (isObject(candidate) && isObject(candidate.rules) && !Array.isArray(candidate.rules)) return candidate as unknown as PluginModule;
  return undefined;
}

/** Why `require()` failed, for a person: not installed, an ES module this Node cannot require, or the plugin's own error. */
function loadFailure(error: unknown, packageName: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = String((error as Error)?.message ?? error).split('\n')[0];
  if (code === 'MODULE_NOT_FOUND' && message?.includes(`'${packageName}'`))
    return `is not installed (npm install --save-dev ${packageName}, next to the config file)`;
  if (code === 'ERR_REQUIRE_ESM')
    return `is an ES module, which needs Node.js 20.19 or later (this is ${process.version}); or publish it as CommonJS`;
  if (code === 'ERR_REQUIRE_ASYNC_MODULE')
    return 'is an ES module with top-level await, which cannot be loaded synchronously; remove the await';
  return `failed to load: ${message}`;
}

/** `require` of the config file's folder, then of the working directory: the first that resolves the package. */
function requireFrom(packageName: string, configPath: string | undefined, cwd: string): { load: () => unknown } | undefined {
  const bases = [...(configPath !== undefined ? [configPath] : []), join(cwd, 'package.json')];
  for (const base of bases) {
    const req = createRequire(base);
    try {
      const resolved = req.resolve(packageName);
      return { load: (): unknown => req(resolved) as unknown };
    } catch {
      // Not resolvable from here: try the next folder.
    }
  }
  return undefined;
}

/**
 * The rules of the plugins a config lists, with ids namespaced (`acme/team-label`) and their origin set.
 * A plugin that is not installed, fails to load, or exports rules that break the rule contract is a
 * ConfigError naming the config file, the plugin and what is wrong.
 */
export function loadPlugins(entries: readonly unknown[], configPath: string | undefined, cwd: string): Rule[] {
  const where = configPath ?? 'config';
  const fail = (message: string): never => {
    throw new ConfigError(`${where}: ${message}`);
  };
  const namespaces = new Map<string, string>();
  const rules: Rule[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') fail(`plugins: ${JSON.stringify(entry)} is not a package name`);
    const name = pluginName(entry as string);
    if (!name)
      return fail(
        `plugins: "${String(entry)}" is not a plugin name (acme, k8slint-plugin-acme, @acme, @acme/k8slint-plugin, @acme/k8slint-plugin-name)`,
      );
    const other = namespaces.get(name.namespace);
    if (other !== undefined) fail(`plugins: "${other}" and "${name.entry}" both give rules the namespace "${name.namespace}/"`);
    namespaces.set(name.namespace, name.entry);
    const found = requireFrom(name.packageName, configPath, cwd);
    if (!found)
      return fail(`plugin ${name.packageName} (plugins: ${name.entry}) is not installed (npm install --save-dev ${name.packageName})`);
    let loaded: unknown;
    try {
      loaded = found.load();
    } catch (error) {
      return fail(`plugin ${name.packageName} ${loadFailure(error, name.packageName)}`);
    }
    const plugin = pluginObject(loaded);
    if (!plugin)
      return fail(`plugin ${name.packageName} exports no \`rules\` object (module.exports = { rules: { … } }, or export default)`);
    for (const [key, rule] of Object.entries(plugin.rules)) {
      if (!RULE_KEY.test(key)) fail(`plugin ${name.packageName}: rule "${key}" is not a rule id (lower-case letters, digits and '-')`);
      const problems = pluginRuleProblems(key, rule);
      if (problems.length > 0) fail(`plugin ${name.packageName}: rule "${key}" ${problems.join('; ')}`);
      rules.push(namespaced(rule as Rule, name));
    }
  }
  return rules;
}

/** A copy of a plugin's rule under its namespaced id; the plugin's object is left as it exported it. */
function namespaced(rule: Rule, name: PluginName): Rule {
  return {
    ...rule,
    meta: { ...rule.meta, id: `${name.namespace}/${rule.meta.id}` },
    origin: { kind: 'plugin', name: name.packageName },
  };
}
