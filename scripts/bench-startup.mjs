#!/usr/bin/env node
// Start-up and warm-cache figures of `npm run bench` (issue 15): whole processes, as users run them.
// Run alone with `node scripts/bench-startup.mjs [--runs N]` (after `npm run build`).
//  - start-up: `node <bin> Dockerfile deployment.yaml` (package.json's bin, one Dockerfile and one
//    manifest) against `node -e 0`, interleaved in the same run, median of N runs each, as a ratio;
//    the goal is for a run after the first (compile cache filled), and the first run's row is printed too;
//  - warm cache: `<bin> --cache` over the real corpus after a first run filled the cache, nothing changed
//    (`--only-cache` for this figure alone, `--no-corpus` to skip it), and whether its report is the cold one's.
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

function timeRun(args, cwd, env = process.env) {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
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
    // The compile cache (src/cli/cached-require.ts, or Node's own from 22.1) in a folder of this run,
    // filled by the warm-up round as a user's first run fills it; and one row without it, as a first run is.
    const cached = { ...process.env, NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
    delete cached.NODE_DISABLE_COMPILE_CACHE;
    const uncached = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
    const tasks = {
      'node -e 0': [['-e', '0'], process.env],
      'k8slint --version': [[bin, '--version'], cached],
      'k8slint Dockerfile deployment.yaml': [[bin, 'Dockerfile', 'deployment.yaml'], cached],
      '  the same, compile cache off': [[bin, 'Dockerfile', 'deployment.yaml'], uncached],
    };
    const times = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
    // One warm-up round (file system cache and compile cache), then interleaved rounds.
    for (const [args, env] of Object.values(tasks)) timeRun(args, dir, env);
    for (let i = 0; i < runs; i++) for (const [name, [args, env]] of Object.entries(tasks)) times[name].push(timeRun(args, dir, env));
    return Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A run's stdout (the report), to compare a warm run's with the cold one's. */
function reportOf(args, cwd) {
  const run = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', maxBuffer: 1 << 30 });
  return run.stdout;
}

/**
 * Wall time of a `--cache` run over `paths` with a filled cache and nothing changed (median and
 * fastest of `runs`), of the run that filled it, and whether the warm report is the cold one byte for byte.
 */
export function warmCacheFigures(paths, runs = 5) {
  const cache = mkdtempSync(join(tmpdir(), 'k8slint-warm-cache-'));
  try {
    const args = [bin, '--format', 'json', '--cache', '--cache-location', cache, ...paths];
    const coldMs = timeRun(args, root);
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(timeRun(args, root));
    const identical = reportOf([bin, '--format', 'json', ...paths], root) === reportOf(args, root);
    return { coldMs, warmMs: median(warm), fastestMs: Math.min(...warm), runs, identical };
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
  const { coldMs, warmMs, fastestMs, runs, identical } = warmCacheFigures([corpus]);
  console.log(
    `\nwarm --cache run over the real corpus, nothing changed (median of ${runs}; the run that filled the cache: ${(coldMs / 1000).toFixed(2)} s)`,
  );
  console.log(
    `  ${(warmMs / 1000).toFixed(2)} s, fastest ${(fastestMs / 1000).toFixed(2)} s (goal < ${(WARM_CACHE_GOAL_MS / 1000).toFixed(1)} s): ${warmMs < WARM_CACHE_GOAL_MS ? 'met' : 'NOT met'}`,
  );
  console.log(`  report of the warm run ${identical ? 'identical to' : 'DIFFERS from'} a run without the cache (JSON, byte for byte)`);
  return warmMs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runsArg = process.argv.indexOf('--runs');
  // --only-cache: the warm-cache figure alone (the start-up ratio takes a minute on a loaded machine).
  if (!process.argv.includes('--only-cache')) printStartup(runsArg === -1 ? 11 : Number(process.argv[runsArg + 1]));
  if (!process.argv.includes('--no-corpus')) printWarmCache(join(root, '..', 'shared', 'corpus', 'real'));
}
