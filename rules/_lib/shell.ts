import type { ShellCommand, ShellWord } from '../../src/model/shell.js';

/** The first non-option word after the command name (`install` in `apt-get -q install x`). */
export function subcommand(command: ShellCommand): ShellWord | undefined {
  return command.words.slice(1).find((w) => w.value !== undefined && !w.value.startsWith('-'));
}

/** Whether a short (`-y`, also inside `-qy`) or long (`--yes`) option is present. */
export function hasOption(command: ShellCommand, short: string[], long: string[]): boolean {
  return command.words.slice(1).some((w) => {
    const v = w.value;
    if (!v || !v.startsWith('-')) return false;
    if (v.startsWith('--')) return long.includes(v.split('=')[0]);
    return short.some((s) => v.slice(1).includes(s));
  });
}
