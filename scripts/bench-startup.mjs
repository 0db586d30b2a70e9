#!/usr/bin/env node
// Start-up and warm-cache figures of `npm run bench` (issue 15): whole processes, as users run them.
// Run alone with `node scripts/bench-startup.mjs [--runs N]` (after `npm run build`).
//  - start-up: `node <bin> Dockerfile deployment.yaml` (package.json's bin, one Dockerfile and one
//    manifest) against `node -e 0`, interleaved in the same run, median of N runs each, as a ratio;
//  - warm cache: `<bin> --cache` over the real corpus after a first run filled the cache, nothing changed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.k8slint);

/** Goals of issue 15. */
export const STARTUP_RATIO_GOAL = 3.0;
export const WARM_CACHE_GOAL_MS = 1000;

function timeRun(args, cwd) {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status === null || run.status > 2) throw new Error(`node ${args.join(' ')} failed: ${run.status} ${run.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall times of bare Node, `--version` and a lint of one Dockerfile and one manifest, measured interleaved. */
export function startupFigures(runs = 11) {
  const dir = mkdtempSync(join(tmpdir(), 'k8slint-startup-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\nCMD ["bash"]\n');
    writeFileSync(
      join(dir, 'deployment.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels: {app: app}\n  template:\n    metadata:\n      labels: {app: app}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.25\n',
    );
    const tasks = {
      'node -e 0': ['-e', '0'],
      'k8slint --version': [bin, '--version'],
      'k8slint Dockerfile deployment.yaml': [bin, 'Dockerfile', 'deployment.yaml'],
    };
    const times = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
    // One warm-up round (file system cache, and the compile cache where Node has one), then interleaved rounds.
    for (const args of Object.values(tasks)) timeRun(args, dir);
    for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(tasks)) times[name].push(timeRun(args, dir));
    return Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time of a `--cache` run over `paths` with a filled cache and nothing changed (median of `runs`), and of the run that filled it. */
export function warmCacheFigures(paths, runs = 3) {
  const cache = mkdtempSync(join(tmpdir(), 'k8slint-warm-cache-'));
  try {
    const args = [bin, '--format', 'json', '--cache', '--cache-location', cache, ...paths];
    const coldMs = timeRun(args, root);
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(timeRun(args, root));
    return { coldMs, warmMs: median(warm) };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

export function printStartup(runs = 11) {
  const figures = startupFigures(runs);
  const base = figures['node -e 0'];
  console.log(`\nstart-up (${bin.replace(root + '/', '')}, whole process, median of ${runs} interleaved runs)`);
  console.log('  command                               time   vs node -e 0');
  for (const [name, ms] of Object.entries(figures))
    console.log(`  ${name.padEnd(36)} ${(ms.toFixed(0) + ' ms').padStart(7)}   ${(ms / base).toFixed(2)}x`);
  const ratio = figures['k8slint Dockerfile deployment.yaml'] / base;
  console.log(
    `  start-up ratio ${ratio.toFixed(2)}x (goal ≤ ${STARTUP_RATIO_GOAL.toFixed(1)}x): ${ratio <= STARTUP_RATIO_GOAL ? 'met' : 'NOT met'}`,
  );
  return ratio;
}

export function printWarmCache(corpus) {
  if (!existsSync(corpus)) {
    console.log(`\n${corpus} is absent: warm-cache figure skipped`);
    return undefined;
  }
  const { coldMs, warmMs } = warmCacheFigures([corpus]);
  console.log(
    `\nwarm --cache run over the real corpus, nothing changed (median of 3; the run that filled the cache: ${(coldMs / 1000).toFixed(2)} s)`,
  );
  console.log(
    `  ${(warmMs / 1000).toFixed(2)} s (goal < ${(WARM_CACHE_GOAL_MS / 1000).toFixed(1)} s): ${warmMs < WARM_CACHE_GOAL_MS ? 'met' : 'NOT met'}`,
  );
  return warmMs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runsArg = process.argv.indexOf('--runs');
  printStartup(runsArg === -1 ? 11 : Number(process.argv[runsArg + 1]));
  if (!process.argv.includes('--no-corpus')) printWarmCache(join(root, '..', 'shared', 'corpus', 'real'));
}
