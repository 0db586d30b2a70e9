import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import jsyaml from 'js-yaml';
import { lint, parseFile, type ParsedFile } from '../../src/engine/lint.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { allRules } from '../../rules/index.js';
import { classify } from '../../src/discover/discover.js';
import { loadCustomRules, type CustomRulesLoad } from '../../src/policy/custom/index.js';
import type { Rule } from '../../src/engine/rule.js';
import type { Finding, SourceKind } from '../../src/types.js';

/** The custom rules of a folder holding `.k8slint.yaml` (its `customRules:`) and `.k8slint/rules/`. */
export function loadRepoRules(dir: string): CustomRulesLoad {
  const configPath = join(dir, '.k8slint.yaml');
  const config = jsyaml.load(readFileSync(configPath, 'utf8')) as { customRules?: unknown[] } | null;
  const inline = config?.customRules ?? [];
  return loadCustomRules({ configDir: dir, configPath, inline, reserved: allRules, cwd: dir });
}

/** Lints in-memory files with only `rules` on, the way the application will once the run's registry holds custom rules. */
export function lintWith(rules: readonly Rule[], files: ReadonlyArray<{ path: string; text: string; kind?: SourceKind }>): Finding[] {
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    const kind = file.kind ?? classify(file.path) ?? 'kubernetes';
    const result = parseFile({ path: file.path, displayPath: file.path, kind, text: file.text, explicit: true });
    if ('message' in result) throw new Error(`${file.path}: ${result.message}`);
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

/** Files under `dir` that k8slint lints (hidden folders such as `.k8slint/` left out), relative to `dir`. */
export function lintableFiles(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return name.startsWith('.') ? [] : lintableFiles(full, base);
      return classify(name) && !name.startsWith('.') ? [relative(base, full)] : [];
    });
}
