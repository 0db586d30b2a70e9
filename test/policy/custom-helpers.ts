import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { lint, parseFile, type ParsedFile } from '../../src/engine/lint.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { allRules } from '../../rules/index.js';
import { classify, discover } from '../../src/discover/discover.js';
import { annotateKustomize } from '../../src/discover/kustomize.js';
import { loadCustomRules, type CustomRulesLoad } from '../../src/policy/custom/index.js';
import type { Rule } from '../../src/engine/rule.js';
import type { Finding, SourceFile, SourceKind } from '../../src/types.js';

/** The custom rules of a folder holding `.k8slint.yaml` (its `customRules:`) and `.k8slint/rules/`. */
export function loadRepoRules(dir: string): CustomRulesLoad {
  const configPath = join(dir, '.k8slint.yaml');
  const config = jsyaml.load(readFileSync(configPath, 'utf8')) as { customRules?: unknown[] } | null;
  const inline = config?.customRules ?? [];
  return loadCustomRules({ configDir: dir, configPath, inline, reserved: allRules, cwd: dir });
}

/** Lints in-memory files with only `rules` on, the way the application will once the run's registry holds custom rules. */
export function lintWith(rules: readonly Rule[], files: ReadonlyArray<{ path: string; text: string; kind?: SourceKind }>): Finding[] {
  return lintSources(
    rules,
    files.map((file) => ({
      path: file.path,
      displayPath: file.path,
      kind: file.kind ?? classify(file.path) ?? 'kubernetes',
      text: file.text,
      explicit: true,
    })),
  );
}

/**
 * The files a run over `dir` lints, found as the command line finds them (with the kustomizations
 * that include them), linted with only `rules` on.
 */
export function lintProjectWith(rules: readonly Rule[], dir: string): { files: SourceFile[]; findings: Finding[] } {
  const discovery = discover(['.'], { cwd: dir, ignorePaths: [] });
  const errors = [...discovery.errors, ...annotateKustomize(discovery.files, { cwd: dir, found: discovery.kustomizations ?? [] })];
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  return { files: discovery.files, findings: lintSources(rules, discovery.files) };
}

function lintSources(rules: readonly Rule[], sources: readonly SourceFile[]): Finding[] {
  const parsed: ParsedFile[] = [];
  for (const source of sources) {
    const result = parseFile(source);
    if ('message' in result) throw new Error(`${source.displayPath}: ${result.message}`);
    parsed.push(result);
  }
  return lint(parsed, {
    registry: new RuleRegistry([...allRules, ...rules]),
    rules: [...rules],
    ruleOptions: new Map(),
    severities: new Map(),
    kubernetesVersion: '1.33',
  }).findings;
}
