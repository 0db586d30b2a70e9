import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT_CLI = join(ROOT, 'dist/src/cli/main.js');

/** What `npm run build` reads; dist/ is stale when any of it is newer than the built CLI. */
const BUILD_INPUTS = ['src', 'rules', 'scripts/generate.mjs', 'package.json', 'tsconfig.json'];
const LOCK = join(ROOT, 'node_modules/.cache/k8slint-test-build.lock');
/** A lock older than this is left over from a killed run. */
const LOCK_STALE_MS = 10 * 60_000;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

function isFresh(): boolean {
  if (!existsSync(BUILT_CLI)) return false;
  const built = statSync(BUILT_CLI).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtime(join(ROOT, input)) <= built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK, { recursive: false });
    return true;
  } catch {
    const lock = statSync(LOCK, { throwIfNoEntry: false });
    if (lock && Date.now() - lock.mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/**
 * Makes sure dist/ is built from the current sources, for the few tests that run the built CLI.
 * `npm test` builds first, so this is a no-op there; a direct `npx vitest run` after editing src/
 * builds once, and test workers running at the same time wait for that one build.
 */
export function ensureBuilt(): string {
  while (!isFresh()) {
    mkdirSync(join(LOCK, '..'), { recursive: true });
    if (!tryLock()) {
      sleep(500);
      continue;
    }
    try {
      if (isFresh()) break;
      process.stderr.write('dist/ is older than the sources: running npm run build once for the tests that run the built CLI\n');
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})\n${build.stdout}${build.stderr}`);
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  return BUILT_CLI;
}
