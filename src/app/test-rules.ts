import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { lint, parseFile } from '../engine/lint.js';
import type { Rule, RuleExample } from '../engine/rule.js';
import { classify } from '../discover/discover.js';
import { readFileBounded } from '../discover/read.js';
import { findConfig } from '../config/load.js';
import type { Finding } from '../types.js';
import { LATEST_KUBERNETES } from './defaults.js';
import { UsageError } from './errors.js';
import { readExpectations, type Expectation } from './fixture-markers.js';
import { lintProject } from './lint-project.js';
import { loadRunRules, type RunRules } from './run-rules.js';
import { selectRules } from './select.js';

export interface RuleTestFailure {
  /** `acme/team-label example 1 (bad)`, or the fixture file. */
  where: string;
  line?: number;
  expected: string;
  got: string;
}

export interface RuleTestResult {
  /** Plugin and custom rules whose examples ran. */
  rules: number;
  examples: number;
  /** Fixture files checked, and their folder (relative to `cwd`) when there was one. */
  files: number;
  dir?: string;
  failures: RuleTestFailure[];
}

export interface TestRulesOptions {
  cwd: string;
  /** Default: the nearest `.k8slint.yaml` at or above `cwd`. */
  configPath?: string;
  /** Folder of fixture files with `# expect:` markers; default `.k8slint/tests` next to the config (when it exists). */
  dir?: string;
}

/** The folder of a project's rule test files, next to its config file. */
export const RULE_TESTS_DIR = join('.k8slint', 'tests');
/** A fixture is a small file; this skips anything else a test folder may hold. */
const MAX_FIXTURE_BYTES = 1024 * 1024;

/**
 * `k8slint test-rules`: every plugin and custom rule's examples (bad must fire the rule, good must not)
 * and the fixture files under `dir`, whose markers must match the findings of the rules they name and
 * of every plugin and custom rule. Throws ConfigError or UsageError on the caller's mistakes.
 */
export function testRules(options: TestRulesOptions): RuleTestResult {
  const { cwd } = options;
  const configPath = options.configPath ?? findConfig(cwd);
  const run = loadRunRules(configPath, cwd);
  const failures: RuleTestFailure[] = [];
  let examples = 0;
  for (const rule of run.extra)
    rule.meta.examples.forEach((example, i) => {
      examples++;
      failures.push(...exampleFailures(rule, example, `${rule.meta.id} example ${i + 1}`, run));
    });
  const dir = fixtureDir(options, configPath);
  const fixtures = dir ? fixtureFailures(dir, options, configPath, run) : { files: 0, failures: [] };
  failures.push(...fixtures.failures);
  return {
    rules: run.extra.length,
    examples,
    files: fixtures.files,
    ...(dir && { dir: relative(cwd, dir) || '.' }),
    failures,
  };
}

function fixtureDir(options: TestRulesOptions, configPath: string | undefined): string | undefined {
  if (options.dir !== undefined) {
    const dir = resolve(options.cwd, options.dir);
    if (!existsSync(dir)) throw new UsageError(`test-rules ${options.dir}: no such folder`);
    return dir;
  }
  const fallback = join(configPath !== undefined ? dirname(configPath) : options.cwd, RULE_TESTS_DIR);
  return existsSync(fallback) ? fallback : undefined;
}

/** Lints one side of an example with its rule alone, as the rule's documentation shows it. */
function exampleFailures(rule: Rule, example: RuleExample, where: string, run: RunRules): RuleTestFailure[] {
  const path = example.file ?? (example.lang === 'dockerfile' ? 'Dockerfile' : 'example.yaml');
  const id = rule.meta.id;
  const failures: RuleTestFailure[] = [];
  for (const side of ['bad', 'good'] as const) {
    const parsed = parseFile({
      path,
      displayPath: path,
      kind: classify(path) ?? 'kubernetes',
      text: example[side],
      explicit: true,
      ...(example.dockerignore !== undefined && { dockerignore: example.dockerignore }),
    });
    if ('message' in parsed) {
      failures.push({ where: `${where} (${side})`, expected: 'a file that parses', got: parsed.message });
      continue;
    }
    const selection = selectRules(
      { ignorePaths: [], rules: example.options ? { [id]: { options: example.options } } : {} },
      [id],
      [],
      [],
      run.registry,
    );
    const { findings } = lint([parsed], { registry: run.registry, ...selection, kubernetesVersion: LATEST_KUBERNETES });
    const crash = findings.find((f) => f.ruleId === run.registry.internalError.meta.id);
    const own = findings.filter((f) => f.ruleId === id);
    if (crash) failures.push({ where: `${where} (${side})`, expected: `${id} to run`, got: crash.message });
    else if (side === 'bad' && own.length === 0)
      failures.push({ where: `${where} (bad)`, expected: `a finding of ${id}`, got: describeFindings(findings) });
    else if (side === 'good' && own.length > 0)
      failures.push({ where: `${where} (good)`, line: own[0]?.span.line, expected: `no finding of ${id}`, got: describeFindings(own) });
  }
  return failures;
}

function describeFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no finding';
  return findings.map((f) => `${f.ruleId} at ${f.span.line}:${f.span.column} (${f.message})`).join('; ');
}

/** Files under `dir` that k8slint would lint, by name (the walk that lints them decides by content too). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      if (name === 'node_modules' || name === '.git') return [];
      const full = join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

function fixtureFailures(
  dir: string,
  options: TestRulesOptions,
  configPath: string | undefined,
  run: RunRules,
): { files: number; failures: RuleTestFailure[] } {
  const failures: RuleTestFailure[] = [];
  const expected = new Map<string, Expectation[]>();
  const named = new Set(run.extra.map((r) => r.meta.id));
  for (const file of filesUnder(dir)) {
    const read = readFileBounded(file, MAX_FIXTURE_BYTES);
    if (!('text' in read)) continue;
    const display = relative(options.cwd, file);
    const expectations: Expectation[] = [];
    for (const e of readExpectations(read.text)) {
      const rule = run.registry.resolve(e.ruleId);
      if (!rule)
        failures.push({ where: display, line: e.line, expected: `a known rule id`, got: `unknown rule "${e.ruleId}" in a marker` });
      else {
        named.add(rule.meta.id);
        expectations.push({ ...e, ruleId: rule.meta.id });
      }
    }
    expected.set(display, expectations);
  }
  if (named.size === 0) return { files: 0, failures };
  const lintRun = lintProject({
    cwd: options.cwd,
    paths: [relative(options.cwd, dir) || '.'],
    ...(configPath !== undefined && { configPath }),
    rules: [...named],
    allowEmpty: true,
    workers: 1,
  });
  for (const error of lintRun.report.errors)
    failures.push({
      where: error.file,
      ...(error.line !== undefined && { line: error.line }),
      expected: 'a file that parses',
      got: error.message,
    });
  const byFile = new Map<string, Finding[]>();
  for (const f of lintRun.report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  let files = 0;
  for (const file of lintRun.report.sources.keys()) {
    files++;
    const expectations = expected.get(file) ?? [];
    const checked = new Set([...run.extra.map((r) => r.meta.id), ...expectations.map((e) => e.ruleId)]);
    failures.push(
      ...compare(
        file,
        expectations,
        (byFile.get(file) ?? []).filter((f) => checked.has(f.ruleId)),
      ),
    );
  }
  return { files, failures };
}

/** Expected markers against findings: each marker needs a finding of its rule on its line (and columns, for a caret), and no finding goes unmarked. */
function compare(file: string, expectations: readonly Expectation[], findings: readonly Finding[]): RuleTestFailure[] {
  const unmatched = [...findings];
  const failures: RuleTestFailure[] = [];
  for (const e of expectations) {
    const at = unmatched.findIndex(
      (f) =>
        f.ruleId === e.ruleId &&
        f.span.line === e.line &&
        (e.column === undefined || (f.span.column === e.column && f.span.endColumn === e.endColumn)),
    );
    if (at !== -1) {
      unmatched.splice(at, 1);
      continue;
    }
    const columns = e.column !== undefined ? ` at columns ${e.column}-${e.endColumn}` : '';
    const onLine = findings.filter((f) => f.span.line === e.line);
    failures.push({
      where: file,
      line: e.line,
      expected: `${e.ruleId}${columns}`,
      got: onLine.length > 0 ? describeFindings(onLine) : 'no finding',
    });
  }
  for (const f of unmatched)
    failures.push({
      where: file,
      line: f.span.line,
      expected: 'no finding',
      got: `${f.ruleId} at ${f.span.line}:${f.span.column} (${f.message})`,
    });
  return failures;
}
