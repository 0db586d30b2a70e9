#!/usr/bin/env node
// Validates a SARIF file with Microsoft's SARIF multitool using the SARIF and GitHub ingestion rules.
// Exits 1 on any error or warning, 0 when clean, and 0 with "skipped" when the multitool is not
// installed (it is not a dependency: `npm i --no-save @microsoft/sarif-multitool`).
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/validate-sarif.mjs <file.sarif>');
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`validate-sarif: ${file} does not exist`);
  process.exit(2);
}

const multitool = findMultitool();
if (!multitool) {
  console.log('validate-sarif: skipped (@microsoft/sarif-multitool is not installed; npm i --no-save @microsoft/sarif-multitool)');
  process.exit(0);
}

const outDir = mkdtempSync(join(tmpdir(), 'validate-sarif-'));
try {
  const reportPath = join(outDir, 'report.sarif');
  const run = spawnSync(
    multitool,
    ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning;Note', resolve(file), '-o', reportPath],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (run.error || !existsSync(reportPath)) {
    console.error(`validate-sarif: the multitool failed (exit ${run.status})\n${run.error?.message ?? ''}${run.stdout}${run.stderr}`);
    process.exit(2);
  }
  const problems = readProblems(JSON.parse(readFileSync(reportPath, 'utf8')));
  const count = (level) => problems.filter((p) => p.level === level).length;
  for (const p of problems) if (p.level !== 'note') console.log(`${p.level}  ${p.text}`);
  console.log(`validate-sarif: ${file}: ${count('error')} errors, ${count('warning')} warnings, ${count('note')} notes`);
  process.exit(count('error') + count('warning') > 0 ? 1 : 0);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

function findMultitool() {
  let path;
  try {
    path = createRequire(new URL('../package.json', import.meta.url))('@microsoft/sarif-multitool');
  } catch {
    return undefined;
  }
  if (!existsSync(path)) return undefined;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    // npm may have skipped the package's postinstall, which makes the binary executable.
    chmodSync(path, statSync(path).mode | 0o100);
  }
  return path;
}

/** Every result and notification of the validator's own SARIF log, with its effective level. */
function readProblems(log) {
  const problems = [];
  for (const run of log.runs ?? []) {
    const rules = run.tool?.driver?.rules ?? [];
    for (const result of run.results ?? []) {
      const rule = rules[result.ruleIndex] ?? rules.find((r) => r.id === result.ruleId);
      const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
      const template = rule?.messageStrings?.[result.message?.id]?.text;
      const args = result.message?.arguments ?? [];
      const message =
        result.message?.text ?? (template ? template.replace(/\{(\d+)\}/g, (_, i) => args[i] ?? '') : JSON.stringify(result.message));
      problems.push({ level, text: `${result.ruleId}${rule?.name ? ' ' + rule.name : ''}: ${message}` });
    }
    for (const invocation of run.invocations ?? []) {
      for (const n of [...(invocation.toolExecutionNotifications ?? []), ...(invocation.toolConfigurationNotifications ?? [])]) {
        problems.push({ level: n.level ?? 'warning', text: `tool notification: ${n.message?.text ?? JSON.stringify(n.message)}` });
      }
    }
  }
  return problems;
}
