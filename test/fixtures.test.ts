import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../src/index.js';
import { classify } from '../src/discover/discover.js';
import { readMarkers, type Expectation } from './fixture-markers.js';
import { requirePrograms } from './helpers/programs.js';

const root = join(import.meta.dirname, '..', 'fixtures');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : classify(name) ? [full] : [];
    });
}

function key(e: Expectation): string {
  return e.column === undefined ? `${e.ruleId}@${e.line}` : `${e.ruleId}@${e.line}:${e.column}-${e.endColumn}`;
}

function check(file: string, onlyRule: string | undefined): void {
  const text = readFileSync(file, 'utf8');
  const { expectations, header } = readMarkers(text);
  // BuildKit's naming: `<name>.dockerignore` beside the Dockerfile.
  const dockerignore = existsSync(`${file}.dockerignore`) ? readFileSync(`${file}.dockerignore`, 'utf8') : undefined;
  const result = lintTexts([{ path: file, text, dockerignore }], {
    rules: header.allRules || !onlyRule ? [] : [onlyRule, ...header.extraRules],
    options: header.options && onlyRule ? { [onlyRule]: header.options } : undefined,
    kubernetesVersion: header.kubernetesVersion,
  });
  expect(result.errors).toEqual([]);
  const withColumns = new Set(expectations.filter((e) => e.column !== undefined).map((e) => `${e.ruleId}@${e.line}`));
  const actual = result.findings.map((f) =>
    key(
      withColumns.has(`${f.ruleId}@${f.span.line}`)
        ? { ruleId: f.ruleId, line: f.span.line, column: f.span.column, endColumn: f.span.endColumn }
        : { ruleId: f.ruleId, line: f.span.line },
    ),
  );
  expect(actual.sort(), result.findings.map((f) => `${f.span.line}:${f.span.column} ${f.ruleId} ${f.message}`).join('\n')).toEqual(
    expectations.map(key).sort(),
  );
}

const ruleDirs = existsSync(join(root, 'rules')) ? readdirSync(join(root, 'rules')).sort() : [];

describe('rule fixtures', () => {
  for (const id of ruleDirs) {
    describe(id, () => {
      for (const file of filesUnder(join(root, 'rules', id))) {
        const programs = requirePrograms(...(readMarkers(readFileSync(file, 'utf8')).header.requires ?? []));
        it(file.slice(root.length + 1), programs.options, () => check(file, id));
      }
    });
  }
});

describe('scenario fixtures (every rule on)', () => {
  for (const file of filesUnder(join(root, 'scenarios'))) {
    it(file.slice(root.length + 1), () => check(file, undefined));
  }
});
