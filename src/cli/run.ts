import { readFileSync, writeFileSync } from 'node:fs';
import { allRules } from '../../rules/index.js';
import { RuleRegistry } from '../engine/registry.js';
import type { Rule } from '../engine/rule.js';
import { lint, parseFile, type ParsedFile } from '../engine/lint.js';
import { discover } from '../discover/discover.js';
import { findConfig, loadConfig, type Config, type RuleLevel } from '../config/load.js';
import { formatters } from '../format/index.js';
import type { Finding, InputError, Severity } from '../types.js';
import { SEVERITY_ORDER } from '../types.js';
import { UsageError, type LintArgs } from './args.js';
import { closest } from '../util/closest.js';

export const LATEST_KUBERNETES = '1.36';
export const registry = new RuleRegistry(allRules);

export interface RunIO {
  cwd: string;
  readStdin(): string;
  stdout(text: string): void;
  stderr(text: string): void;
  colorDefault: boolean;
  version: string;
}

export interface Selection {
  rules: Rule[];
  severities: Map<string, Severity>;
  ruleOptions: Map<string, Record<string, unknown>>;
}

/** Which rules run, at which severity, from config and command line. */
export function selectRules(config: Config, only: string[], disabled: string[]): Selection {
  const severities = new Map<string, Severity>();
  const ruleOptions = new Map<string, Record<string, unknown>>();
  const enabled = new Set<Rule>(registry.all.filter((r) => r.meta.status === 'stable'));
  for (const [id, setting] of Object.entries(config.rules)) {
    const rule = registry.byId(id);
    const level: RuleLevel | undefined = typeof setting === 'string' ? setting : setting.severity;
    if (typeof setting === 'object' && setting.options) ruleOptions.set(id, { ...rule.meta.options?.defaults, ...setting.options });
    if (level === 'off') enabled.delete(rule);
    else if (level !== undefined) {
      enabled.add(rule);
      if (level !== 'on') severities.set(id, level);
    }
  }
  const resolve = (id: string): Rule => {
    const rule = registry.resolve(id);
    if (!rule) {
      const suggestion = closest(id, registry.all.map((r) => r.meta.id));
      throw new UsageError(`unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; see k8slint rules`);
    }
    return rule;
  };
  if (only.length > 0) {
    const chosen = new Set(only.map(resolve));
    for (const rule of [...enabled]) if (!chosen.has(rule) && rule.meta.category !== 'meta') enabled.delete(rule);
    for (const rule of chosen) enabled.add(rule);
  }
  for (const id of disabled) enabled.delete(resolve(id));
  enabled.add(registry.internalError);
  return { rules: registry.all.filter((r) => enabled.has(r)), severities, ruleOptions };
}

export function exitCode(findings: Finding[], errors: InputError[], failOn: Severity | 'none'): number {
  if (errors.length > 0) return 2;
  if (failOn === 'none') return 0;
  return findings.some((f) => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[failOn]) ? 1 : 0;
}

export function runLint(args: LintArgs, io: RunIO): number {
  const configPath = args.config ?? findConfig(io.cwd);
  const config = loadConfig(configPath, registry.all);
  const selection = selectRules(config, args.rules, args.disabled);
  const stdinText = args.paths.includes('-') ? io.readStdin() : undefined;
  const discovery = discover(args.paths, {
    cwd: io.cwd,
    ignorePaths: config.ignorePaths,
    stdin: stdinText === undefined ? undefined : { text: stdinText, filename: args.stdinFilename },
  });
  const errors: InputError[] = [...discovery.errors];
  const parsed: ParsedFile[] = [];
  for (const file of discovery.files) {
    const result = parseFile(file);
    if ('message' in result) errors.push(result);
    else parsed.push(result);
  }
  const result = lint(parsed, {
    registry,
    ...selection,
    kubernetesVersion: args.kubernetesVersion ?? config.kubernetesVersion?.replace(/^v/, '') ?? LATEST_KUBERNETES,
  });
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const color = args.output ? false : args.color ?? io.colorDefault;
  const report = formatters[args.format](
    {
      version: io.version,
      findings: result.findings,
      errors,
      rules: selection.rules,
      sources: new Map(discovery.files.map((f) => [f.displayPath, f.text])),
      root: io.cwd,
    },
    { color, quiet: args.quiet },
  );
  if (args.output) writeFileSync(args.output, report);
  else io.stdout(report);
  return exitCode(result.findings, errors, args.failOn ?? config.failOn ?? 'warning');
}

export function readStdinSync(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}
