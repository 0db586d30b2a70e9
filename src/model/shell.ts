import sh from 'mvdan-sh';
import type { Span } from '../types.js';
import { LineIndex } from '../parsers/positions.js';

const { syntax } = sh as unknown as { syntax: MvdanSyntax };

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

/** mvdan-sh operator codes of BinaryCmd. */
const PIPE_OPS = new Set([12, 13]);

/**
 * Parses `script` as POSIX/bash shell. `firstLine` is the 1-based line of the script's first line
 * in the enclosing file; columns are kept as they are, so callers pad the first line with spaces
 * up to where the script starts.
 */
export function parseShell(script: string, firstLine: number): ShellScript {
  const lines = new LineIndex(script);
  const toSpan = (pos: MvdanPos, end: MvdanPos): Span => {
    const a = toPoint(lines, pos);
    const b = toPoint(lines, end);
    return { line: a.line + firstLine - 1, column: a.column, endLine: b.line + firstLine - 1, endColumn: b.column };
  };
  const textOf = (pos: MvdanPos, end: MvdanPos): string => {
    const a = toPoint(lines, pos);
    const b = toPoint(lines, end);
    return script.slice(lines.offsetOf(a.line, a.column), lines.offsetOf(b.line, b.column));
  };
  let file: MvdanNode;
  try {
    file = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash)).Parse(script, '');
  } catch (error) {
    return { commands: [], parseError: shellError(error, firstLine) };
  }
  const commands: ShellCommand[] = [];
  const pipes: Span[] = [];
  syntax.Walk(file, (node) => {
    if (node && syntax.NodeType(node) === 'BinaryCmd' && PIPE_OPS.has(node.Op)) {
      const at = toPoint(lines, node.OpPos);
      pipes.push({ line: at.line + firstLine - 1, column: at.column, endLine: at.line + firstLine - 1, endColumn: at.column + (node.Op === 13 ? 2 : 1) });
    }
    if (node && syntax.NodeType(node) === 'CallExpr') {
      const words = (node.Args ?? []).map((w: MvdanNode) => ({ text: textOf(w.Pos(), w.End()), value: wordValue(w), span: toSpan(w.Pos(), w.End()) }));
      const assignments = (node.Assigns ?? []).map((a: MvdanNode) => ({
        name: a.Name ? a.Name.Value : '',
        value: a.Value ? wordValue(a.Value) : '',
        span: toSpan(a.Pos(), a.End()),
      }));
      commands.push({ name: words[0]?.value, words, assignments, span: toSpan(node.Pos(), node.End()) });
    }
    return true;
  });
  return { commands, pipes };
}

function wordValue(word: MvdanNode): string | undefined {
  let out = '';
  for (const part of word.Parts ?? []) {
    const type = syntax.NodeType(part);
    if (type === 'Lit' || type === 'SglQuoted') out += part.Value;
    else if (type === 'DblQuoted') {
      for (const inner of part.Parts ?? []) {
        if (syntax.NodeType(inner) !== 'Lit') return undefined;
        out += inner.Value;
      }
    } else return undefined;
  }
  return out;
}

/** mvdan-sh counts columns in UTF-8 bytes; convert to UTF-16 columns like every other position. */
function toPoint(lines: LineIndex, pos: MvdanPos): { line: number; column: number } {
  const line = pos.Line();
  const byteColumn = pos.Col();
  const text = lines.lineText(line);
  if (/^[\x00-\x7f]*$/.test(text)) return { line, column: byteColumn };
  const bytes = Buffer.from(text, 'utf8');
  return { line, column: bytes.subarray(0, byteColumn - 1).toString('utf8').length + 1 };
}

function shellError(error: unknown, firstLine: number): { message: string; line: number; column: number } {
  const err = error as { Error?: () => string; Pos?: MvdanPos; Text?: string; message?: string };
  const text = typeof err.Error === 'function' ? err.Error() : err.Text ?? err.message ?? String(error);
  const match = /^(?::)?(\d+):(\d+): (.*)$/.exec(text);
  if (match) return { message: match[3], line: Number(match[1]) + firstLine - 1, column: Number(match[2]) };
  return { message: text, line: firstLine, column: 1 };
}

interface MvdanPos {
  Line(): number;
  Col(): number;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MvdanNode = any;
interface MvdanSyntax {
  NewParser(...options: unknown[]): { Parse(src: string, name: string): MvdanNode };
  KeepComments(keep: boolean): unknown;
  Variant(lang: unknown): unknown;
  LangBash: unknown;
  Walk(node: MvdanNode, visit: (node: MvdanNode) => boolean): void;
  NodeType(node: MvdanNode): string;
}
