import { spawnSync } from 'node:child_process';

/** Whether `program --version` runs and succeeds: the check for rules that declare `requires.program`. */
export function programAvailable(program: string): boolean {
  return spawnSync(program, ['--version'], { encoding: 'utf8' }).status === 0;
}
