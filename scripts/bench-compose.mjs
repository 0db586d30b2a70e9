#!/usr/bin/env node
// Compose section of `npm run bench` (also runs alone): k8slint against dclint (npm, the Compose
// linter people use) on the same Compose files of ../shared/corpus/real/compose, in the same run,
// each in its own process. dclint is installed into a temporary directory (pinned version, npm's
// cache is used); when that fails, its figures are skipped with a note.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DCLINT_VERSION = '3.1.0';
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'real', 'compose');
const COMPOSE = /^(?:(?:docker-)?compose(?:[._-][^/]*)?|[^/]*[._-](?:docker-)?compose)\.ya?ml$/i;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? walk(full) : COMPOSE.test(e.name) ? [full] : [];
  });
}

/** Wall time and peak RSS (via /usr/bin/time when present) of one process. */
function run(label, command, args) {
  const timed = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const out = timed
    ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = timed ? Number((out.stderr ?? '').trim().split('\n').pop()) : NaN;
  return { label, ms, rssMb: Number.isFinite(rss) ? rss / 1024 : NaN, status: out.status, error: out.error };
}

function installDclint() {
  const dir = mkdtempSync(join(tmpdir(), 'k8slint-dclint-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--silent', '--prefix', dir, `dclint@${DCLINT_VERSION}`], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  const bin = join(dir, 'node_modules', '.bin', 'dclint');
  return r.status === 0 && existsSync(bin) ? bin : undefined;
}

if (!existsSync(corpus)) {
  console.log('\n../shared/corpus/real/compose is absent: Compose figures skipped');
} else {
  const files = walk(corpus);
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const cli = join(root, 'dist', 'src', 'cli', 'main.js');
  const results = [run('k8slint', process.execPath, [cli, '--format', 'json', ...files])];
  const dclint = installDclint();
  if (dclint) results.push(run(`dclint ${DCLINT_VERSION}`, dclint, ['--formatter', 'json', ...files]));
  console.log(`\nreal corpus Compose files (../shared/corpus/real/compose): ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB`);
  console.log('  task            time      files/s   peak RSS   time vs k8slint');
  for (const r of results) {
    const s = r.ms / 1000;
    const rss = Number.isNaN(r.rssMb) ? '?' : `${r.rssMb.toFixed(0)} MB`;
    console.log(
      `  ${r.label.padEnd(14)} ${(s.toFixed(2) + ' s').padStart(8)} ${(files.length / s).toFixed(0).padStart(10)} ${rss.padStart(10)}   ${(r.ms / results[0].ms).toFixed(2)}x`,
    );
  }
  if (!dclint) console.log(`  dclint: could not be installed (npm install dclint@${DCLINT_VERSION}); its figures are skipped`);
}
