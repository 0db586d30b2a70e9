import type { Limits } from '../util/limits.js';
import { existsSync } from 'node:fs';
import { readFileBounded } from '../discover/read.js';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { ajvLibrary } from '../util/ajv-library.js';
import jsyaml from 'js-yaml';
import type { Severity } from '../types.js';
import type { Rule } from '../engine/rule.js';
import type { ConfigIgnore } from '../engine/suppress.js';
import { configSchema } from './schema.js';
import { PRESET_NAMES } from '../../rules/presets.js';
import { closest } from '../util/closest.js';
import { ConfigError } from './errors.js';

export type RuleLevel = 'off' | 'on' | Severity;

export interface Config {
  path?: string;
  failOn?: Severity | 'none';
  kubernetesVersion?: string;
  /** Namespace of objects that set none (`--namespace` overrides it). */
  namespace?: string;
  /** unknown-kind-schema at error severity. */
  strictSchemas?: boolean;
  /** Budgets per input (`limits.maxFileBytes`…); unset keys keep their defaults. */
  limits?: Partial<Limits>;
  /** Threads that lint (`--workers` wins). */
  workers?: number | 'auto';
  ignorePaths: string[];
  rules: Record<string, RuleLevel | { severity?: RuleLevel; options?: Record<string, unknown> }>;
  /** hadolint's top-level keys (`trustedRegistries`, `label-schema`, `strict-labels`). */
  trustedRegistries?: string | string[];
  'label-schema'?: Record<string, string>;
  'strict-labels'?: boolean;
  /** Run ShellCheck on RUN scripts (turns the `shellcheck` rule on). */
  shellcheck?: boolean;
  /** The cluster's accelerator catalogue additions (the GPU rules' `extraResources` option). */
  accelerators?: { extraResources?: string[] };
  /** The cluster's platform (the GPU rules' `platform` option). */
  platform?: string;
  /** The presets whose rules, severities and options are the base the `rules:` entries change (`--preset` replaces them). */
  preset?: string[];
  /** Findings to drop, by rule and object, file or container (for files a team cannot annotate). */
  ignores?: ConfigIgnore[];
  /** A run that lints no file exits 0 instead of 2. */
  allowEmpty?: boolean;
  /** gitignore-style patterns (relative to the working directory) → the type of the files they match. */
  files?: Record<string, 'dockerfile' | 'kubernetes' | 'compose'>;
  /** Baseline file, relative to the config file's folder (`--baseline` overrides it). */
  baseline?: string;
  /** Admission policy files or folders, relative to the config file's folder (`--policy` adds to them). */
  policies?: string[];
  /** npm packages of rules (`acme` → `k8slint-plugin-acme`), resolved from the config file's folder; see docs/plugins.md. */
  plugins?: string[];
  /** Custom rules as data, validated by their loader (src/policy/custom). */
  customRules?: unknown[];
}

/**
 * Rule options that hadolint's top-level keys stand for: `trustedRegistries` → the
 * `trustedRegistries` option, `label-schema` → `labelSchema`, `strict-labels` → `strictLabels`, for
 * every rule whose option schema has that option. Options set under `rules:` win.
 */
export function hadolintRuleOptions(config: Config, rules: readonly Rule[]): Map<string, Record<string, unknown>> {
  const top: Record<string, unknown> = {};
  if (config.trustedRegistries !== undefined)
    top.trustedRegistries = typeof config.trustedRegistries === 'string' ? [config.trustedRegistries] : config.trustedRegistries;
  if (config['label-schema'] !== undefined) top.labelSchema = config['label-schema'];
  if (config['strict-labels'] !== undefined) top.strictLabels = config['strict-labels'];
  // The GPU pack's cluster-wide keys, handed to the rules that take them the same way.
  if (config.accelerators?.extraResources !== undefined) top.extraResources = config.accelerators.extraResources;
  if (config.platform !== undefined) top.platform = config.platform;
  const out = new Map<string, Record<string, unknown>>();
  if (Object.keys(top).length === 0) return out;
  for (const rule of rules) {
    const properties = (rule.meta.options?.schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    const applicable = Object.fromEntries(Object.entries(top).filter(([key]) => key in properties));
    if (Object.keys(applicable).length > 0) out.set(rule.meta.id, applicable);
  }
  return out;
}

// Defined in its own module so that the command line can name it without loading Ajv and js-yaml.
export { ConfigError };

const CONFIG_NAMES = ['.k8slint.yaml', '.k8slint.yml'];

/** `.k8slint.yaml` in `cwd` or the nearest parent directory. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

/** A configuration file is a few kilobytes; a megabyte is plenty. */
const CONFIG_MAX_BYTES = 1024 * 1024;

/** The config file's YAML, not validated yet (the rules it adds must be loaded before its `rules:` can be checked). */
export function readConfigData(path: string): unknown {
  // Bounded, and refusing FIFOs and devices: a config named like ours must not hang or exhaust the run.
  const read = readFileBounded(path, CONFIG_MAX_BYTES);
  if ('message' in read) throw new ConfigError(`cannot read config ${path}: ${read.message}`);
  const text = read.text;
  try {
    return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) ?? {};
  } catch (error) {
    const mark = (error as { mark?: { line: number } }).mark;
    throw new ConfigError(
      `${path}${mark ? `:${mark.line + 1}` : ''}: invalid YAML: ${(error as { reason?: string }).reason ?? (error as Error).message}`,
    );
  }
}

/** The validated config; `rules`: every rule of the run (built-in, plugin and custom); `data`: the file's YAML when already read. */
export function loadConfig(path: string | undefined, rules: readonly Rule[], data?: unknown): Config {
  if (!path) return { ignorePaths: [], rules: {} };
  if (data === undefined) data = readConfigData(path);
  const ajv = new (ajvLibrary().Ajv)({ allErrors: true, strict: false });
  const validate = ajv.compile(configSchema(rules, { anyPluginRule: false }));
  checkPresets(path, data);
  if (!validate(data)) throw new ConfigError(`${path}: ${describe(validate.errors ?? [], rules)}`);
  const config = data as Partial<Config>;
  checkIgnoredRules(path, config.ignores ?? [], rules);
  return {
    path,
    ignorePaths: config.ignorePaths ?? [],
    rules: config.rules ?? {},
    failOn: config.failOn,
    kubernetesVersion: config.kubernetesVersion,
    ...(config.namespace !== undefined && { namespace: config.namespace }),
    strictSchemas: config.strictSchemas,
    ...(config.limits !== undefined && { limits: config.limits }),
    ...(config.workers !== undefined && { workers: config.workers }),
    trustedRegistries: config.trustedRegistries,
    'label-schema': config['label-schema'],
    'strict-labels': config['strict-labels'],
    shellcheck: config.shellcheck,
    ...(config.accelerators !== undefined && { accelerators: config.accelerators }),
    ...(config.platform !== undefined && { platform: config.platform }),
    ...(config.ignores && { ignores: config.ignores }),
    ...(config.allowEmpty !== undefined && { allowEmpty: config.allowEmpty }),
    ...(config.files !== undefined && { files: config.files }),
    ...(config.baseline !== undefined && { baseline: config.baseline }),
    ...(config.policies !== undefined && { policies: config.policies }),
    ...(config.preset !== undefined && { preset: typeof config.preset === 'string' ? [config.preset] : config.preset }),
    ...(config.plugins !== undefined && { plugins: config.plugins }),
    ...(config.customRules !== undefined && { customRules: config.customRules }),
  };
}

/** `preset:` names known presets; checked before the schema so a typo gets a suggestion. */
function checkPresets(path: string, data: unknown): void {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).preset : undefined;
  for (const name of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) {
    if (typeof name !== 'string' || (PRESET_NAMES as readonly string[]).includes(name)) continue;
    const suggestion = closest(name, PRESET_NAMES);
    throw new ConfigError(
      `${path}: unknown preset "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; presets: ${PRESET_NAMES.join(', ')}`,
    );
  }
}

/** An `ignores:` entry must name a rule by id or alias: a typo would otherwise silently ignore nothing. */
function checkIgnoredRules(path: string, ignores: readonly ConfigIgnore[], rules: readonly Rule[]): void {
  const names = new Set(rules.flatMap((r) => [r.meta.id, ...r.meta.aliases].map((n) => n.toLowerCase())));
  ignores.forEach((ignore, index) => {
    if (names.has(ignore.rule.toLowerCase())) return;
    const suggestion = closest(
      ignore.rule,
      rules.map((r) => r.meta.id),
    );
    throw new ConfigError(
      `${path}: ignores.${index}.rule: unknown rule "${ignore.rule}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    );
  });
}

function describe(errors: ErrorObject[], rules: readonly Rule[]): string {
  // oneOf produces one error per branch; the most specific is the deepest path.
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const first = sorted.find((e) => e.keyword === 'additionalProperties') ?? sorted[0];
  if (!first) return 'is invalid';
  const where = first.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : 'top level';
  if (first.keyword === 'additionalProperties') {
    const key = String(first.params.additionalProperty);
    const known =
      first.instancePath === '/rules'
        ? rules.map((r) => r.meta.id)
        : [
            'failOn',
            'kubernetesVersion',
            'namespace',
            'strictSchemas',
            'ignorePaths',
            'rules',
            'trustedRegistries',
            'label-schema',
            'strict-labels',
            'shellcheck',
            'ignores',
            'preset',
            'limits',
            'accelerators',
            'platform',
            'workers',
            'allowEmpty',
            'files',
            'policies',
            'plugins',
            'customRules',
          ];
    const suggestion = closest(key, known);
    const alias =
      first.instancePath === '/rules' ? rules.find((r) => r.meta.aliases.some((a) => a.toLowerCase() === key.toLowerCase())) : undefined;
    const hint = alias ? ` (it is an alias of ${alias.meta.id})` : suggestion ? ` (did you mean "${suggestion}"?)` : '';
    return `unknown key "${key}" in ${where}${hint}`;
  }
  if (first.keyword === 'enum') return `${where} must be one of ${(first.params.allowedValues as string[]).join(', ')}`;
  return `${where} ${first.message ?? 'is invalid'}`;
}
