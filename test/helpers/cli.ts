import { spawnSync } from 'node:child_process';
import { runCli } from '../../src/cli/cli.js';
import { ensureBuilt, ROOT } from './build.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A finding of `--format json`, as far as tests read it. */
export interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
}

export interface CliOptions {
  /** Default: the repository root. */
  cwd?: string;
  stdin?: string;
  /** The environment the CLI sees; in-process default: none at all (no CI, no NO_COLOR). */
  env?: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
}

/** `k8slint <argv>` in this process, through the same entry as the binary (src/cli/cli.ts). */
export function k8slint(argv: string[], options: CliOptions = {}): CliRun {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    readStdin: () => options.stdin ?? '',
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
  });
  return { code, stdout, stderr };
}

/**
 * The built binary in a child process, for what only a real process shows: the exit status, reading
 * a piped stdin, terminal detection. Everything else runs in-process with `k8slint`.
 */
export function builtK8slint(argv: string[], options: Omit<CliOptions, 'stdoutIsTTY' | 'stderrIsTTY'> = {}): CliRun {
  const run = spawnSync(process.execPath, [ensureBuilt(), ...argv], {
    cwd: options.cwd ?? ROOT,
    input: options.stdin,
    encoding: 'utf8',
    env: options.env ?? { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
