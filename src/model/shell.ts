import type { Span } from '../types.js';
import { LineIndex } from '../parsers/positions.js';
import { parseShellRange } from './shell-parser.js';


export interface ShellWord {
  /** The word as written, quotes included. */
  text: string;
  /** The word after quote removal; undefined when it holds an expansion ($VAR, $(…), globs of ${…}). */
  value?: string;
  span: Span;
}

export interface ShellCommand {
  /** Static name of the command (first word), or undefined when it is an expansion. */
  name?: string;
  /** All words, the command name first. */
  words: ShellWord[];
  /** `NAME=value` prefixes (`DEBIAN_FRONTEND=noninteractive apt-get …`). */
  assignments: Array<{ name: string; value?: string; span: Span }>;
  span: Span;
  /** The pipeline the command is part of (`curl … | sh`: index 0 and 1 of a pipeline of size 2). */
  pipeline?: { id: number; index: number; size: number };
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Set when the shell parser rejected the script; commands is then empty. */
  parseError?: { message: string; line: number; column: number };
  /** Positions of the pipe operators (`|`, `|&`) of the script. */
  pipes?: Span[];
  /**
   * Set when shell analysis is off for this RUN (commands is then empty): the RUN runs under a
   * non-POSIX shell (`SHELL ["pwsh", …]`, `cmd`, `# hadolint shell=powershell`). Holds why.
   */
  skipped?: string;
}

/**
 * Parses `script` as POSIX/bash shell. `firstLine` is the 1-based line of the script's first line
 * in the enclosing file; columns are kept as they are, so callers pad the first line with spaces
 * up to where the script starts.
 */
export function parseShell(script: string, firstLine: number): ShellScript {
  const lines = new LineIndex(script);
  const toSpan = (start: number, end: number): Span => {
    const span = lines.span(start, end);
    return { ...span, line: span.line + firstLine - 1, endLine: span.endLine + firstLine - 1 };
  };
  let parsed: ReturnType<typeof parseShellRange>;
  try {
    parsed = parseShellRange(script);
  } catch (error) {
    // Thousands of nested `$( … )` exhaust the stack: a script no shell would run either.
    if (!(error instanceof RangeError)) throw error;
    return { commands: [], parseError: { message: 'the script is nested too deeply to analyse', line: firstLine, column: 1 } };
  }
  if (parsed.error) {
    const at = toSpan(parsed.error.offset, parsed.error.offset);
    return { commands: [], parseError: { message: parsed.error.message, line: at.line, column: at.column } };
  }
  const sizes = new Map<number, number>();
  for (const c of parsed.commands) sizes.set(c.pipeline, Math.max(sizes.get(c.pipeline) ?? 0, c.pipelineIndex + 1));
  const commands: ShellCommand[] = parsed.commands.map((c) => {
    const words = c.words.map((w) => ({ text: script.slice(w.start, w.end), value: w.value, span: toSpan(w.start, w.end) }));
    return {
      name: words[0]?.value,
      words,
      assignments: c.assignments.map((a) => ({ name: a.name, value: a.value, span: toSpan(a.start, a.end) })),
      span: toSpan(c.start, c.end),
      pipeline: { id: c.pipeline, index: c.pipelineIndex, size: sizes.get(c.pipeline) ?? 1 },
    };
  });
  return { commands, pipes: parsed.pipes.map((p) => toSpan(p.start, p.end)) };
}
