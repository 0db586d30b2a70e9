import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(__dirname, '../../dist/src/cli/main.js');

/** Time and memory every hostile case must stay under (issue 17: 20 s, 1.5 GB); tests use less where they can. */
export const TIME_BOUND_S = 20;
export const HEAP_MB = 1536;

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the built CLI under `timeout` and a V8 heap cap: `shell` is a pipeline that must end with
 * `"$K8SLINT" args…` (so a test can feed stdin through a slow producer).
 */
export function runShell(shell: string, options: { cwd?: string; timeoutS?: number; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const timeoutS = options.timeoutS ?? TIME_BOUND_S;
  const started = Date.now();
  const run = spawnSync('bash', ['-c', shell], {
    cwd: options.cwd ?? tmpdir(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      ...options.env,
      NO_COLOR: '1',
      CI: '1',
      K8SLINT: `timeout -s KILL ${timeoutS} node --max-old-space-size=${HEAP_MB} --stack-size=984 ${CLI}`,
      XDG_CACHE_HOME: options.env?.XDG_CACHE_HOME ?? join(tmpdir(), 'k8slint-hostile-cache'),
    },
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

/** Runs `k8slint args…` (no shell) in `cwd`. */
export function runCli(args: string[], cwd: string, timeoutS?: number): CliRun {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return runShell(`$K8SLINT ${quoted}`, { cwd, ...(timeoutS !== undefined ? { timeoutS } : {}) });
}

export function scratch(prefix = 'k8slint-hostile-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
