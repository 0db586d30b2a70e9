import type { SourceFile, Span } from '../types.js';
import { LineIndex } from '../parsers/positions.js';
import { modelNode, type ModelNode } from './node.js';
import { covering } from './parts.js';
import { parseShellRange } from './shell-parser.js';

export interface ShellWord extends ModelNode {
  /** The word as written, quotes included. */
  text: string;
  /** The word after quote removal; undefined when it holds an expansion ($VAR, $(…), globs of ${…}). */
  value?: string;
}

/** A `NAME=value` prefix of a command. */
export interface ShellAssignment extends ModelNode {
  name: string;
  value?: string;
}

export interface ShellCommand extends ModelNode {
  /** Static name of the command (first word), or undefined when it is an expansion. */
  name?: string;
  /** All words, the command name first. */
  words: ShellWord[];
  /** `NAME=value` prefixes (`DEBIAN_FRONTEND=noninteractive apt-get …`). */
  assignments: ShellAssignment[];
  /** The pipeline the command is part of (`curl … | sh`: index 0 and 1 of a pipeline of size 2). */
  pipeline?: { id: number; index: number; size: number };
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Set when the shell parser rejected the script; commands is then empty. The node is the character where parsing stopped. */
  parseError?: ShellParseError;
  /** The pipe operators (`|`, `|&`) of the script. */
  pipes?: ModelNode[];
  /**
   * Set when shell analysis is off for this RUN (commands is then empty): the RUN runs under a
   * non-POSIX shell (`SHELL ["pwsh", …]`, `cmd`, `# hadolint shell=powershell`). Holds why.
   */
  skipped?: string;
}

export interface ShellParseError extends ModelNode {
  message: string;
  line: number;
  column: number;
}

/**
 * Parses `script` as POSIX/bash shell. `firstLine` is the 1-based line of the script's first line
 * in the enclosing file; columns are kept as they are, so callers pad the first line with spaces
 * up to where the script starts. `source` is the file the script is part of (its nodes' file).
 */
export function parseShell(script: string, firstLine: number, source: SourceFile): ShellScript {
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
    return { commands: [], parseError: errorAt('the script is nested too deeply to analyse', firstLine, 1, source) };
  }
  if (parsed.error) {
    // "Unexpected end of script" stops past the last character: point at the last one there is.
    let offset = Math.min(parsed.error.offset, script.length - 1);
    while (offset > 0 && (script[offset] === '\n' || script[offset] === '\r')) offset--;
    const at = toSpan(Math.max(0, offset), Math.max(0, offset));
    return { commands: [], parseError: errorAt(parsed.error.message, at.line, at.column, source) };
  }
  const sizes = new Map<number, number>();
  for (const c of parsed.commands) sizes.set(c.pipeline, Math.max(sizes.get(c.pipeline) ?? 0, c.pipelineIndex + 1));
  const commands: ShellCommand[] = parsed.commands.map((c) => {
    const words = c.words.map((w) =>
      modelNode({ text: script.slice(w.start, w.end), value: w.value, span: toSpan(w.start, w.end) }, source),
    );
    return modelNode(
      {
        name: words[0]?.value,
        words,
        assignments: c.assignments.map((a) => modelNode({ name: a.name, value: a.value, span: toSpan(a.start, a.end) }, source)),
        span: toSpan(c.start, c.end),
        pipeline: { id: c.pipeline, index: c.pipelineIndex, size: sizes.get(c.pipeline) ?? 1 },
      },
      source,
    );
  });
  return { commands, pipes: parsed.pipes.map((p) => modelNode({ span: toSpan(p.start, p.end) }, source)) };
}

/** A parse error, located at the one character where parsing stopped. */
function errorAt(message: string, line: number, column: number, source: SourceFile): ShellParseError {
  return modelNode({ message, line, column, span: { line, column, endLine: line, endColumn: column + 1 } }, source);
}

/** A command made of some of another command's words (`sudo apt-get install`: `apt-get install`), ending where `whole` ends. */
export function commandFromWords(words: ShellWord[], assignments: ShellAssignment[], whole: ShellCommand): ShellCommand {
  const first = words[0] ?? whole;
  return modelNode({ name: words[0]?.value, words, assignments, span: covering(first, whole).span }, whole.sourceFile);
}

/** A `NAME=value` word read as an assignment (`env NAME=value cmd`). */
export function assignmentFromWord(word: ShellWord, name: string, value: string): ShellAssignment {
  return modelNode({ name, value, span: word.span }, word.sourceFile);
}

/**
 * Commands parsed from the text of `word` (`sh -c "…"`) whose own positions cannot be mapped back
 * to the file: every node of them is placed at the word.
 */
export function placedAt(commands: ShellCommand[], word: ShellWord): ShellCommand[] {
  const at = <T extends object>(value: T): T & ModelNode => modelNode({ ...value, span: { ...word.span } }, word.sourceFile);
  return commands.map((c) => at({ ...c, words: c.words.map(at), assignments: c.assignments.map(at) }));
}
