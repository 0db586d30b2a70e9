import {
  assignmentFromWord,
  commandFromWords,
  parseShell,
  placedAt,
  type ShellCommand,
  type ShellScript,
  type ShellWord,
} from '../../src/model/shell.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';

/** The first non-option word after the command name (`install` in `apt-get -q install x`). */
export function subcommand(command: ShellCommand): ShellWord | undefined {
  return command.words.slice(1).find((w) => w.value !== undefined && !w.value.startsWith('-'));
}

/** Whether a short (`-y`, also inside `-qy`) or long (`--yes`) option is present. */
export function hasOption(command: ShellCommand, short: string[], long: string[]): boolean {
  return command.words.slice(1).some((w) => {
    const v = w.value;
    if (!v || !v.startsWith('-')) return false;
    if (v.startsWith('--')) return long.includes(v.split('=', 1)[0] ?? v);
    return short.some((s) => v.slice(1).includes(s));
  });
}

/** A command as it is really run, with the wrappers it was reached through (`sudo`, `env`, `sh -c`…). */
export interface EffectiveCommand extends ShellCommand {
  /** Wrappers seen through, outermost first, each with the word that names it. */
  via: Array<{ name: string; word: ShellWord }>;
}

/** Basename of a command word (`/usr/bin/apt-get` → `apt-get`). */
export function baseName(name: string | undefined): string | undefined {
  return name === undefined ? undefined : name.replace(/^.*\//, '');
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox-sh']);

/**
 * The effective commands of a RUN: every simple command of its script (command substitutions and
 * heredoc bodies included), seeing through `sudo`, `env`, `xargs`, `nice`, `nohup`, `time`,
 * `command`, `exec`, `su -c '…'` and `sh -c '…'`. Arguments of other commands are never commands:
 * `echo "apt-get install x"` yields only `echo`. Empty when shell analysis is off (see `shellOf`).
 */
export function commandsOf(model: DockerfileModel, run: DockerInstruction): EffectiveCommand[] {
  return effectiveCommands(model.shellOf(run));
}

const effectiveCache = new WeakMap<ShellScript, EffectiveCommand[]>();

/** Cached per script: dozens of rules ask for the same RUN. */
export function effectiveCommands(script: ShellScript): EffectiveCommand[] {
  let out = effectiveCache.get(script);
  if (!out) {
    out = [];
    for (const command of script.commands) unwrap(command, [], out, 0);
    effectiveCache.set(script, out);
  }
  return out;
}

function unwrap(command: ShellCommand, via: EffectiveCommand['via'], out: EffectiveCommand[], depth: number): void {
  const name = baseName(command.name);
  const head = command.words[0];
  if (!head || name === undefined || depth > 8) {
    out.push({ ...command, via });
    return;
  }
  if (SHELLS.has(name)) {
    const inner = shellDashC(command);
    if (inner) {
      for (const c of inner) unwrap(c, [...via, { name, word: head }], out, depth + 1);
      return;
    }
  }
  if (name === 'su') {
    const inner = suDashC(command);
    if (inner) {
      for (const c of inner) unwrap(c, [...via, { name, word: head }], out, depth + 1);
      return;
    }
  }
  const spec = WRAPPERS[name];
  if (spec && !(name === 'command' && command.words.some((w) => w.value === '-v' || w.value === '-V'))) {
    const rest = skipWrapperOptions(command.words.slice(1), spec);
    if (rest && rest.words.length > 0) {
      const words = rest.words;
      const next = commandFromWords(words, [...command.assignments, ...rest.assignments], command);
      unwrap(next, [...via, { name, word: head }], out, depth + 1);
      return;
    }
  }
  out.push({ ...command, via });
}

interface WrapperSpec {
  /** Short options that take a value (`-u root`). */
  shortWithValue: string;
  /** Long options that take a value when written without `=`. */
  longWithValue: string[];
  /** `NAME=value` words before the command are assignments (env, sudo). */
  assignments?: boolean;
  /** Options may carry an attached optional value (`xargs -i{}`, `-e'EOF'`): the rest of the word. */
  attachedOptional?: string;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: {
    shortWithValue: 'ugCDhprtTU',
    longWithValue: [
      '--user',
      '--group',
      '--close-from',
      '--chdir',
      '--host',
      '--prompt',
      '--role',
      '--type',
      '--command-timeout',
      '--other-user',
    ],
    assignments: true,
  },
  env: { shortWithValue: 'uCS', longWithValue: ['--unset', '--chdir', '--split-string'], assignments: true },
  xargs: {
    shortWithValue: 'adELnPsI',
    longWithValue: ['--arg-file', '--delimiter', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
    attachedOptional: 'eil',
  },
  nice: { shortWithValue: 'n', longWithValue: ['--adjustment'] },
  nohup: { shortWithValue: '', longWithValue: [] },
  time: { shortWithValue: 'fo', longWithValue: ['--format', '--output'] },
  command: { shortWithValue: '', longWithValue: [] },
  exec: { shortWithValue: 'a', longWithValue: [] },
  stdbuf: { shortWithValue: 'ioe', longWithValue: ['--input', '--output', '--error'] },
  timeout: { shortWithValue: 'sk', longWithValue: ['--signal', '--kill-after'] },
};

function skipWrapperOptions(
  words: ShellWord[],
  spec: WrapperSpec,
): { words: ShellWord[]; assignments: ShellCommand['assignments'] } | undefined {
  const assignments: ShellCommand['assignments'] = [];
  let i = 0;
  let positional = 0; // timeout takes a duration before the command
  while (i < words.length) {
    const v = words[i]!.value; // i < words.length
    if (v === undefined) return undefined; // `sudo $CMD …`: cannot tell what runs
    if (v === '--') {
      i++;
      break;
    }
    if (v.startsWith('--')) {
      i += spec.longWithValue.includes(v) ? 2 : 1;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (/^-\d+$/.test(v)) {
        i++; // nice -10
        continue;
      }
      const letters = v.slice(1);
      let takesNext = false;
      for (let k = 0; k < letters.length; k++) {
        const letter = letters.charAt(k);
        if (spec.attachedOptional?.includes(letter)) break;
        if (spec.shortWithValue.includes(letter)) {
          takesNext = k === letters.length - 1;
          break;
        }
      }
      i += takesNext ? 2 : 1;
      continue;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      const eq = v.indexOf('=');
      assignments.push(assignmentFromWord(words[i]!, v.slice(0, eq), v.slice(eq + 1)));
      i++;
      continue;
    }
    if (spec === WRAPPERS.timeout && positional === 0) {
      positional++;
      i++;
      continue;
    }
    break;
  }
  return { words: words.slice(i), assignments };
}

/** `sh [-opts] -c 'script' …` → the script's commands; undefined when not that form or not literal. */
function shellDashC(command: ShellCommand): ShellCommand[] | undefined {
  const words = command.words;
  let sawC = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!; // i < words.length
    const v = word.value;
    if (v === undefined) return sawC ? innerScript(word) : undefined;
    if (v === '-o' || v === '+o' || v === '-O' || v === '+O') {
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v.startsWith('-') && v.includes('c')) sawC = true;
      continue;
    }
    return sawC ? innerScript(word) : undefined;
  }
  return undefined;
}

/** `su [opts] [user] -c 'script'` / `su -c 'script' user` → the script's commands. */
function suDashC(command: ShellCommand): ShellCommand[] | undefined {
  const words = command.words;
  for (let i = 1; i < words.length; i++) {
    const v = words[i]!.value; // i < words.length
    const next = words[i + 1];
    if ((v === '-c' || v === '--command') && next) return innerScript(next);
    if (v?.startsWith('--command=')) return undefined;
  }
  return undefined;
}

/**
 * Parses the script held by a word (`'apt-get install -y x'`). Positions are exact when the word
 * is a single-quoted or a backslash-free double-quoted literal; otherwise every inner position is
 * the word's own.
 */
function innerScript(word: ShellWord): ShellCommand[] | undefined {
  const text = word.text;
  const quote = text[0];
  let inner: string;
  let exact = false;
  if (
    (quote === "'" || quote === '"') &&
    text.length >= 2 &&
    text.endsWith(quote) &&
    !text.slice(1, -1).includes(quote === "'" ? "'" : '"')
  ) {
    inner = text.slice(1, -1);
    exact = quote === "'" || !/\\(?!\n)/.test(inner);
    if (quote === '"' && !exact) inner = inner.replace(/\\([\\"$`\n])/g, (_, c: string) => (c === '\n' ? '' : c));
  } else if (word.value !== undefined) {
    inner = word.value;
  } else {
    return undefined;
  }
  if (exact) {
    // Pad so the inner script's columns are the Dockerfile's: the quote sits at word.span.column.
    const parsed = parseShell(' '.repeat(word.span.column) + inner, word.span.line, word.sourceFile);
    return parsed.parseError ? undefined : parsed.commands;
  }
  const parsed = parseShell(inner, 1, word.sourceFile);
  if (parsed.parseError) return undefined;
  return placedAt(parsed.commands, word);
}
