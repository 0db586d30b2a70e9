import { cpSync, mkdtempSync, readdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { k8slint } from '../helpers/cli.js';
import { ROOT } from '../helpers/build.js';
import { registry } from '../../src/app/registry.js';
import type { Finding } from '../../src/types.js';
import { newFindings } from '../../src/app/fix.js';

/**
 * fixtures/fixes/<rule>/<case>/before/… and after/…: `--fix --rule <rule>` turns `before` into
 * exactly `after` (bytes: BOM and line endings included); fixing again changes nothing; the rule
 * no longer fires; and with every rule on (strict preset) the fixed files have no finding the
 * originals did not have. An `args` file adds flags (`--unsafe-fixes`, `--kubernetes-version 1.26`).
 */
const FIXTURES = join(ROOT, 'fixtures', 'fixes');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function copyOf(dir: string): string {
  const temp = mkdtempSync(join(tmpdir(), 'k8slint-fix-'));
  temps.push(temp);
  cpSync(dir, temp, { recursive: true });
  return temp;
}

function findings(cwd: string, args: string[]): Finding[] {
  const run = k8slint(['-f', 'json', ...args, '.'], { cwd });
  return (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
}

const cases = readdirSync(FIXTURES).flatMap((rule) => readdirSync(join(FIXTURES, rule)).map((name) => ({ rule, name })));

describe('fixes', () => {
  it('every rule that declares fixable has a fix fixture, and every fixture names a rule that declares it', () => {
    const declared = registry.all.filter((r) => r.meta.fixable).map((r) => r.meta.id);
    const covered = [...new Set(cases.map((c) => c.rule))];
    expect(covered.sort()).toEqual(declared.sort());
  });

  for (const { rule, name } of cases) {
    it(`${rule}/${name}`, () => {
      const dir = join(FIXTURES, rule, name);
      const argsFile = join(dir, 'args');
      const extra = existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
      const work = copyOf(join(dir, 'before'));
      const fixed = k8slint(['--fix', '--rule', rule, ...extra, '.'], { cwd: work });
      expect(fixed.code, fixed.stderr).not.toBe(2);
      const after = join(dir, 'after');
      expect(filesUnder(work)).toEqual(filesUnder(after));
      for (const file of filesUnder(after))
        expect(readFileSync(join(work, file)).toString('latin1'), file).toBe(readFileSync(join(after, file)).toString('latin1'));

      const again = copyOf(after);
      k8slint(['--fix', '--rule', rule, ...extra, '.'], { cwd: again });
      for (const file of filesUnder(after))
        expect(readFileSync(join(again, file)).equals(readFileSync(join(after, file))), `${file} changed on a second --fix`).toBe(true);

      const left = findings(after, ['--rule', rule, ...extra.filter((a) => a !== '--unsafe-fixes')]);
      expect(left.filter((f) => f.ruleId === rule && f.fix && (extra.includes('--unsafe-fixes') || f.fix.safety === 'safe'))).toEqual([]);

      const strict = ['--preset', 'strict', ...extra.filter((a) => a !== '--unsafe-fixes')];
      const added = newFindings(findings(join(dir, 'before'), strict), findings(after, strict));
      expect(added.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    });
  }
});

describe('--fix-dry-run and stdin', () => {
  it('prints a unified diff and writes nothing', () => {
    const work = copyOf(join(FIXTURES, 'apt-get-install-yes', 'basic', 'before'));
    const before = readFileSync(join(work, 'Dockerfile'), 'utf8');
    const run = k8slint(['--fix-dry-run', '--rule', 'apt-get-install-yes', '.'], { cwd: work });
    expect(run.stdout).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n@@');
    expect(run.stdout).toMatch(/^\+RUN apt-get update && apt-get install -y /m);
    expect(readFileSync(join(work, 'Dockerfile'), 'utf8')).toBe(before);
    expect(run.stderr).toContain('would fix 1 problem in 1 file');
  });

  it('--fix on stdin prints the fixed text on stdout and the report on stderr', () => {
    const run = k8slint(['--fix', '--rule', 'apt-get-install-yes', '--stdin-filename', 'Dockerfile', '-'], {
      stdin: 'FROM debian:12\nRUN apt-get install curl\n',
    });
    expect(run.stdout).toBe('FROM debian:12\nRUN apt-get install -y curl\n');
    expect(run.code).toBe(0);
  });

  it('unsafe fixes wait for --unsafe-fixes', () => {
    const run = k8slint(['--fix', '--rule', 'json-args-recommended', '--stdin-filename', 'Dockerfile', '-'], {
      stdin: 'FROM debian:12\nCMD python app.py\n',
    });
    expect(run.stdout).toBe('FROM debian:12\nCMD python app.py\n');
    const unsafe = k8slint(['--fix', '--unsafe-fixes', '--rule', 'json-args-recommended', '--stdin-filename', 'Dockerfile', '-'], {
      stdin: 'FROM debian:12\nCMD python app.py\n',
    });
    expect(unsafe.stdout).toBe('FROM debian:12\nCMD ["python", "app.py"]\n');
  });

  it('--unsafe-fixes alone is a usage error', () => {
    expect(k8slint(['--unsafe-fixes', '.']).code).toBe(2);
  });
});
