import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../src/index.js';
import { classify } from '../src/discover/discover.js';
import { readMarkers, type Expectation, type FixtureHeader } from './fixture-markers.js';

/**
 * Multi-file fixtures for cross-object rules: each folder `fixtures/multi/<rule-id>/<case>/` (and
 * its subfolders, which stand for other projects' folders) is linted in one run, and every file
 * carries its own inline markers. They live outside `fixtures/rules/`, whose runner lints one
 * file at a time.
 */
const root = join(import.meta.dirname, '..', 'fixtures', 'multi');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : classify(name) ? [full] : [];
    });
}

function key(file: string, e: Expectation): string {
  return e.column === undefined ? `${file}:${e.line} ${e.ruleId}` : `${file}:${e.line}:${e.column}-${e.endColumn} ${e.ruleId}`;
}

function mergeHeaders(headers: FixtureHeader[]): FixtureHeader {
  const merged: FixtureHeader = { allRules: false, extraRules: [] };
  for (const h of headers) {
    merged.allRules ||= h.allRules;
    merged.extraRules.push(...h.extraRules);
    if (h.options) merged.options = { ...merged.options, ...h.options };
    if (h.kubernetesVersion) merged.kubernetesVersion = h.kubernetesVersion;
  }
  return merged;
}

function check(dir: string, ruleId: string): void {
  const files = filesUnder(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  expect(files.length, 'a multi-file fixture needs files').toBeGreaterThan(0);
  const markers = files.map((f) => ({ path: f.path, ...readMarkers(f.text) }));
  const header = mergeHeaders(markers.map((m) => m.header));
  const result = lintTexts(files, {
    rules: header.allRules ? [] : [ruleId, ...header.extraRules],
    options: header.options ? { [ruleId]: header.options } : undefined,
    kubernetesVersion: header.kubernetesVersion,
  });
  expect(result.errors).toEqual([]);
  const rel = (path: string): string => path.slice(dir.length + 1);
  const expected = markers.flatMap((m) => m.expectations.map((e) => key(rel(m.path), e)));
  const withColumns = new Set(
    markers.flatMap((m) => m.expectations.filter((e) => e.column !== undefined).map((e) => `${rel(m.path)}:${e.line} ${e.ruleId}`)),
  );
  const actual = result.findings.map((f) => {
    const file = rel(f.file);
    const e: Expectation = withColumns.has(`${file}:${f.span.line} ${f.ruleId}`)
      ? { ruleId: f.ruleId, line: f.span.line, column: f.span.column, endColumn: f.span.endColumn }
      : { ruleId: f.ruleId, line: f.span.line };
    return key(file, e);
  });
  expect(
    actual.sort(),
    result.findings.map((f) => `${rel(f.file)}:${f.span.line}:${f.span.column} ${f.ruleId} ${f.message}`).join('\n'),
  ).toEqual(expected.sort());
}

const ruleDirs = existsSync(root) ? readdirSync(root).sort() : [];

describe('multi-file rule fixtures (one run per folder)', () => {
  it('exist', () => expect(ruleDirs.length).toBeGreaterThan(0));
  for (const id of ruleDirs) {
    describe(id, () => {
      for (const name of readdirSync(join(root, id)).sort()) {
        const dir = join(root, id, name);
        if (statSync(dir).isDirectory()) it(name, () => check(dir, id));
      }
    });
  }
});
