#!/usr/bin/env node
// Copies ../shared/corpus/real (or the folder given) to a temporary folder, runs `k8slint --fix`
// there, and checks what issue 14 asks of it: no file becomes unparsable, every safe-fixable
// finding is gone, no new finding appears, and a second --fix changes nothing. Prints the counts
// of applied fixes per rule. Skips when the corpus is absent.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(process.argv[2] ?? join(root, '..', 'shared', 'corpus', 'real'));
if (!existsSync(corpus)) {
  console.log(`skipped: no corpus at ${corpus}`);
  process.exit(0);
}
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'k8slint-fix-corpus-'));
cpSync(corpus, work, { recursive: true });

function lint(extra = []) {
  const run = spawnSync(process.execPath, [cli, '-f', 'json', '--fail-on', 'none', ...extra, '.'], {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  return { ...JSON.parse(run.stdout), stderr: run.stderr };
}
function fix() {
  const run = spawnSync(process.execPath, [cli, '--fix', '-f', 'json', '--fail-on', 'none', '.'], {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  return run;
}
function snapshot() {
  const files = new Map();
  for (const e of readdirSync(work, { recursive: true, withFileTypes: true }))
    if (e.isFile()) files.set(relative(work, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name)));
  return files;
}
const key = (f) => `${f.file}\u0000${f.ruleId}\u0000${f.object ?? ''}\u0000${f.message.replace(/\d+/g, '#')}`;
const count = (list) => list.reduce((m, f) => m.set(key(f), (m.get(key(f)) ?? 0) + 1), new Map());

const started = Date.now();
const before = lint();
const original = snapshot();
const first = fix();
const after = lint();
const fixedOnce = snapshot();
fix();
const third = snapshot();

const errorsBefore = new Set(before.errors.map((e) => `${e.file}\u0000${e.message}`));
const newErrors = after.errors.filter((e) => !errorsBefore.has(`${e.file}\u0000${e.message}`));
const beforeCounts = count(before.findings);
const added = [];
for (const [k, n] of count(after.findings)) if (n > (beforeCounts.get(k) ?? 0)) added.push(k.split('\u0000').slice(0, 2).join(' '));
const safeLeft = after.findings.filter((f) => f.fix?.safety === 'safe');
const changedFiles = [...fixedOnce].filter(([f, b]) => !original.get(f)?.equals(b)).length;
const changedAgain = [...third].filter(([f, b]) => !fixedOnce.get(f)?.equals(b)).map(([f]) => f);
const perRule = new Map();
const afterCounts = count(after.findings);
for (const f of before.findings) {
  if (f.fix?.safety !== 'safe') continue;
  perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
}
const goneRule = new Map();
for (const [k, n] of beforeCounts) {
  const left = afterCounts.get(k) ?? 0;
  if (left < n) {
    const rule = k.split('\u0000')[1];
    goneRule.set(rule, (goneRule.get(rule) ?? 0) + n - left);
  }
}
console.log(`corpus: ${corpus} (${original.size} files), ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`findings before: ${before.findings.length}; after --fix: ${after.findings.length}; files changed: ${changedFiles}`);
console.log(`safe-fixable findings before, per rule (gone after --fix):`);
for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1]))
  console.log(`  ${rule.padEnd(36)} ${String(n).padStart(5)}  (${goneRule.get(rule) ?? 0} gone)`);
console.log(`fix refusals printed: ${(first.stderr.match(/fix not applied|left as it was/g) ?? []).length}`);
console.log(`new input errors: ${newErrors.length}${newErrors.length ? ' ' + JSON.stringify(newErrors.slice(0, 3)) : ''}`);
console.log(`new findings: ${added.length}${added.length ? ' ' + JSON.stringify(added.slice(0, 5)) : ''}`);
console.log(
  `safe-fixable findings left: ${safeLeft.length}${safeLeft.length ? ' ' + JSON.stringify(safeLeft.slice(0, 3).map((f) => `${f.file}:${f.line} ${f.ruleId}`)) : ''}`,
);
console.log(
  `files changed by a second --fix: ${changedAgain.length}${changedAgain.length ? ' ' + JSON.stringify(changedAgain.slice(0, 5)) : ''}`,
);
if (process.env.KEEP) console.log(`kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exitCode = newErrors.length || added.length || changedAgain.length ? 1 : 0;
