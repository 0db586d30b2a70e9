/**
 * A POSIX/bash parser for what a linter needs from a RUN script: every simple command with its
 * words, assignments and redirections, where it sits in `&&`/`||`/`;`/`|` lists, pipelines,
 * subshells, groups, compound commands (if/for/while/until/case, functions), heredocs and
 * command substitutions. Offsets index the script string; the caller maps them to positions.
 *
 * Written for this project because mvdan-sh, the reference Go parser compiled to JavaScript,
 * spends most of its time converting objects between Go and JavaScript: about 8 s on the 314
 * Dockerfiles of the real corpus, against well under a second here.
 */

import { pushAll } from '../util/arrays.js';

export interface RawWord {
  start: number;
  end: number;
  /** After quote removal; undefined when the word holds an expansion. */
  value?: string;
}

export interface RawCommand {
  words: RawWord[];
  assignments: Array<{ name: string; value?: string; start: number; end: number }>;
  start: number;
  end: number;
  pipeline: number;
  pipelineIndex: number;
}

export interface RawParse {
  commands: RawCommand[];
  pipes: Array<{ start: number; end: number }>;
  error?: { message: string; offset: number };
}

class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type Token =
  | { kind: 'word'; word: RawWord; substitutions: Array<[number, number]> }
  | { kind: 'op'; op: string; start: number; end: number }
  | { kind: 'newline'; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

const OPERATORS = [
  '&&',
  '||',
  ';;&',
  ';;',
  ';&',
  '|&',
  '&>>',
  '&>',
  '<<<',
  '<<-',
  '<<',
  '<>',
  '<&',
  '>&',
  '>>',
  '>|',
  '|',
  '&',
  ';',
  '(',
  ')',
  '<',
  '>',
];
const REDIRECTS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<<', '<<', '<<-']);
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;
const OPENERS: Record<string, string> = { if: 'fi', for: 'done', while: 'done', until: 'done', select: 'done', case: 'esac', '{': '}' };
const SKIP_KEYWORDS = new Set(['then', 'else', 'elif', 'do', '!', 'time']);

class Lexer {
  pos: number;
  private pendingHeredocs: Array<{ delimiter: string; stripTabs: boolean }> = [];

  constructor(
    private readonly src: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  next(): Token {
    this.skipBlanks();
    const src = this.src;
    const start = this.pos;
    if (this.pos >= this.end) return { kind: 'eof', start, end: start };
    const ch = src[this.pos];
    if (ch === '\n') {
      this.pos++;
      this.readHeredocBodies();
      return { kind: 'newline', start, end: start + 1 };
    }
    // An IO number (`2>&1`) belongs to the redirection that follows it.
    const io = /^\d+(?=[<>])/.exec(src.slice(this.pos, Math.min(this.end, this.pos + 8)));
    if (io) this.pos += io[0].length;
    if ((src[this.pos] === '<' || src[this.pos] === '>') && src[this.pos + 1] === '(') {
      this.pos = start;
      return this.word();
    }
    for (const op of OPERATORS) {
      if (src.startsWith(op, this.pos) && this.pos + op.length <= this.end) {
        this.pos += op.length;
        return { kind: 'op', op, start, end: this.pos };
      }
    }
    this.pos = start;
    return this.word();
  }

  queueHeredoc(delimiterWord: RawWord, raw: string, stripTabs: boolean): void {
    this.pendingHeredocs.push({ delimiter: delimiterWord.value ?? raw.replace(/["'\\]/g, ''), stripTabs });
  }

  private skipBlanks(): void {
    const src = this.src;
    while (this.pos < this.end) {
      const ch = src[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\r') this.pos++;
      else if (ch === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
      else if (ch === '\\' && src[this.pos + 1] === '\r' && src[this.pos + 2] === '\n') this.pos += 3;
      else if (ch === '#') {
        while (this.pos < this.end && src[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  private readHeredocBodies(): void {
    for (const { delimiter, stripTabs } of this.pendingHeredocs) {
      for (;;) {
        if (this.pos >= this.end) return; // bash warns about a missing delimiter and accepts the script
        let lineEnd = this.src.indexOf('\n', this.pos);
        if (lineEnd === -1 || lineEnd > this.end) lineEnd = this.end;
        let line = this.src.slice(this.pos, lineEnd).replace(/\r$/, '');
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.pos = Math.min(lineEnd + 1, this.end);
        if (line === delimiter) break;
      }
    }
    this.pendingHeredocs = [];
  }

  private word(): Token {
    const src = this.src;
    const start = this.pos;
    let value: string | undefined = '';
    const substitutions: Array<[number, number]> = [];
    const dynamic = (): void => {
      value = undefined;
    };
    const add = (text: string): void => {
      if (value !== undefined) value += text;
    };
    while (this.pos < this.end) {
      const ch = src[this.pos]!; // pos < end <= src.length
      if (META.has(ch)) {
        // Process substitution and extglob keep their parentheses inside the word.
        if (ch === '(' && this.pos > start && '@?*+!'.includes(src[this.pos - 1]!)) {
          this.pos = this.matchParen(this.pos + 1);
          dynamic();
          continue;
        }
        if ((ch === '<' || ch === '>') && src[this.pos + 1] === '(') {
          const open = this.pos + 2;
          this.pos = this.matchParen(open);
          substitutions.push([open, this.pos - 1]);
          dynamic();
          continue;
        }
        break;
      }
      if (ch === '\\') {
        if (src[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        add(src[this.pos + 1] ?? '');
        this.pos += 2;
      } else if (ch === "'") {
        const close = src.indexOf("'", this.pos + 1);
        if (close === -1 || close >= this.end) throw new ShellSyntaxError("reached the end of the script without a closing '", this.pos);
        add(src.slice(this.pos + 1, close));
        this.pos = close + 1;
      } else if (ch === '"') {
        this.pos = this.doubleQuoted(this.pos + 1, add, dynamic, substitutions);
      } else if (ch === '`') {
        const close = this.backtickEnd(this.pos + 1);
        substitutions.push([this.pos + 1, close]);
        this.pos = close + 1;
        dynamic();
      } else if (ch === '$') {
        if (src[this.pos + 1] === "'") {
          const close = this.ansiEnd(this.pos + 2);
          add(unescapeAnsi(src.slice(this.pos + 2, close)));
          this.pos = close + 1;
        } else if (src[this.pos + 1] === '"') {
          this.pos = this.doubleQuoted(this.pos + 2, add, dynamic, substitutions);
        } else {
          this.pos = this.dollar(this.pos, substitutions);
          if (this.pos === start + 1 && (this.pos >= this.end || META.has(src[this.pos]!))) add('$');
          else dynamic();
        }
      } else {
        add(ch);
        this.pos++;
      }
    }
    return { kind: 'word', word: { start, end: this.pos, value }, substitutions };
  }

  /** Parses from just after `"`; returns the offset after the closing quote. */
  private doubleQuoted(from: number, add: (s: string) => void, dynamic: () => void, subs: Array<[number, number]>): number {
    const src = this.src;
    let i = from;
    while (i < this.end) {
      const ch = src[i]!; // i < end <= src.length
      if (ch === '"') return i + 1;
      if (ch === '\\') {
        const next = src[i + 1];
        if (next === '\n') {
          i += 2;
          continue;
        }
        add(next !== undefined && '$`"\\'.includes(next) ? next : `\\${next ?? ''}`);
        i += 2;
      } else if (ch === '`') {
        const close = this.backtickEnd(i + 1);
        subs.push([i + 1, close]);
        i = close + 1;
        dynamic();
      } else if (ch === '$' && i + 1 < this.end && /[A-Za-z_{(0-9@*#?$!-]/.test(src[i + 1]!)) {
        i = this.dollar(i, subs);
        dynamic();
      } else {
        add(ch);
        i++;
      }
    }
    throw new ShellSyntaxError('reached the end of the script without a closing "', from - 1);
  }

  /** Skips a `$…` expansion starting at `at`; returns the offset after it. */
  private dollar(at: number, subs: Array<[number, number]>): number {
    const src = this.src;
    const next = src[at + 1];
    if (next === '(') {
      if (src[at + 2] === '(') return this.matchParen(at + 3, 2);
      const close = this.matchParen(at + 2);
      subs.push([at + 2, close - 1]);
      return close;
    }
    if (next === '{') return this.matchBrace(at + 2);
    const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(src.slice(at + 1, Math.min(this.end, at + 65)));
    return name ? at + 1 + name[0].length : at + 1;
  }

  /** From just inside `(`, the offset after the matching `)` (quotes and nesting respected). */
  private matchParen(from: number, closers = 1): number {
    const end = this.matchClosing(from, '(', ')', from - 1);
    if (closers === 1) return end;
    if (this.src[end] !== ')') throw new ShellSyntaxError('arithmetic expansion without a closing ))', from - 3);
    return end + 1;
  }

  private matchBrace(from: number): number {
    return this.matchClosing(from, '{', '}', from - 2);
  }

  /** From just inside `open`, the offset after its matching `close` (quotes, substitutions and nesting respected). */
  private matchClosing(from: number, open: '(' | '{', close: ')' | '}', errorOffset: number): number {
    const src = this.src;
    // `#` starts a comment inside `$( … )`, but is an operator in `${#var}`.
    const comments = open === '(';
    let depth = 1;
    let i = from;
    while (i < this.end) {
      const ch = src[i];
      if (ch === '\\') i += 2;
      else if (ch === "'") {
        const quote = src.indexOf("'", i + 1);
        if (quote === -1 || quote >= this.end) break;
        i = quote + 1;
      } else if (ch === '"')
        i = this.doubleQuoted(
          i + 1,
          () => undefined,
          () => undefined,
          [],
        );
      else if (ch === '`') i = this.backtickEnd(i + 1) + 1;
      else if (!comments && ch === '$' && src[i + 1] === '(') i = this.dollar(i, []);
      else if (comments && ch === '#' && (i === from || /\s/.test(src[i - 1]!))) {
        while (i < this.end && src[i] !== '\n') i++;
      } else if (ch === open) {
        depth++;
        i++;
      } else if (ch === close) {
        depth--;
        i++;
        if (depth === 0) return i;
      } else i++;
    }
    throw new ShellSyntaxError(`reached the end of the script without a closing ${close}`, errorOffset);
  }

  private backtickEnd(from: number): number {
    let i = from;
    while (i < this.end) {
      if (this.src[i] === '\\') i += 2;
      else if (this.src[i] === '`') return i;
      else i++;
    }
    throw new ShellSyntaxError('reached the end of the script without a closing `', from - 1);
  }

  private ansiEnd(from: number): number {
    let i = from;
    while (i < this.end) {
      if (this.src[i] === '\\') i += 2;
      else if (this.src[i] === "'") return i;
      else i++;
    }
    throw new ShellSyntaxError("reached the end of the script without a closing '", from - 2);
  }
}

function unescapeAnsi(text: string): string {
  const map: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    e: '\x1b',
    f: '\f',
    v: '\v',
  };
  return text.replace(/\\(.)/g, (_, c: string) => map[c] ?? `\\${c}`);
}

/** Parses `src[start, end)`; command substitutions are parsed recursively into the same result. */
export function parseShellRange(src: string, start = 0, end = src.length, pipelines = { next: 0 }): RawParse {
  const result: RawParse = { commands: [], pipes: [] };
  try {
    new Parser(src, start, end, result, pipelines).parse();
  } catch (error) {
    if (error instanceof ShellSyntaxError) return { commands: [], pipes: [], error: { message: error.message, offset: error.offset } };
    throw error;
  }
  result.commands.sort((a, b) => a.start - b.start);
  return result;
}

class Parser {
  private readonly lexer: Lexer;
  private token: Token;
  private readonly open: Array<{ closer: string; offset: number }> = [];

  constructor(
    private readonly src: string,
    start: number,
    end: number,
    private readonly result: RawParse,
    private readonly pipelines: { next: number },
  ) {
    this.lexer = new Lexer(src, start, end);
    this.token = this.lexer.next();
  }

  parse(): void {
    let expectCommand = false; // after && || | a command must follow
    let atCommandStart = true;
    let current: RawCommand | undefined;
    let pipelineIndex = 0;
    let pipeline = this.pipelines.next++;
    const finish = (): void => {
      if (current && (current.words.length > 0 || current.assignments.length > 0)) this.result.commands.push(current);
      current = undefined;
    };

    for (;;) {
      const token = this.token;
      if (this.isCasePatternPosition() && token.kind !== 'eof') {
        // Inside `case … in`, everything up to `)` is a pattern, not a command.
        if (token.kind === 'word' && token.word.value === 'esac') {
          this.closeKeyword('esac', token.word.start);
          this.lastWasCompound = true;
        } else if (token.kind === 'op' && token.op === ')') this.enterCaseBody();
        this.advance();
        continue;
      }
      if (token.kind === 'eof') {
        finish();
        if (expectCommand) throw new ShellSyntaxError('the script ends where a command should follow', token.start);
        const last = this.open.at(-1);
        if (last) {
          throw new ShellSyntaxError(`missing "${last.closer}"`, last.offset);
        }
        return;
      }
      if (token.kind === 'newline') {
        finish();
        atCommandStart = true;
        if (!expectCommand) {
          pipeline = this.pipelines.next++;
          pipelineIndex = 0;
        }
        this.advance();
        continue;
      }
      if (token.kind === 'op') {
        const op = token.op;
        if (REDIRECTS.has(op)) {
          this.advance();
          const target = this.token;
          if (target.kind !== 'word') throw new ShellSyntaxError(`"${op}" must be followed by a word`, token.start);
          if (op === '<<' || op === '<<-')
            this.lexer.queueHeredoc(target.word, this.src.slice(target.word.start, target.word.end), op === '<<-');
          this.parseSubstitutions(target.substitutions);
          current ??= this.newCommand(token.start, pipeline, pipelineIndex);
          current.end = target.word.end;
          this.advance();
          continue;
        }
        if (op === '|' || op === '|&') {
          if (!current || current.words.length + current.assignments.length === 0) {
            if (atCommandStart && !this.lastWasCompound) throw new ShellSyntaxError(`unexpected "${op}"`, token.start);
          }
          finish();
          this.result.pipes.push({ start: token.start, end: token.end });
          pipelineIndex++;
          expectCommand = true;
          atCommandStart = true;
          this.lastWasCompound = false;
          this.advance();
          continue;
        }
        if (op === '&&' || op === '||') {
          if ((!current || current.words.length + current.assignments.length === 0) && !this.lastWasCompound)
            throw new ShellSyntaxError(`unexpected "${op}"`, token.start);
          finish();
          expectCommand = true;
          atCommandStart = true;
          pipeline = this.pipelines.next++;
          pipelineIndex = 0;
          this.lastWasCompound = false;
          this.advance();
          continue;
        }
        if (op === ';' || op === '&' || op === ';;' || op === ';&' || op === ';;&') {
          if (expectCommand && (!current || current.words.length === 0)) throw new ShellSyntaxError(`unexpected "${op}"`, token.start);
          finish();
          if (op !== ';' && op !== '&') this.caseItemEnded();
          atCommandStart = true;
          expectCommand = false;
          pipeline = this.pipelines.next++;
          pipelineIndex = 0;
          this.lastWasCompound = false;
          this.advance();
          continue;
        }
        if (op === '(') {
          if (current && current.words.length === 1 && this.peekIsCloseParen()) {
            // `name() { … }`: a function definition, not a call of `name`.
            current = undefined;
            this.advance();
            this.advance();
            atCommandStart = true;
            continue;
          }
          if (current && current.words.length > 0) throw new ShellSyntaxError('unexpected "("', token.start);
          this.open.push({ closer: ')', offset: token.start });
          atCommandStart = true;
          expectCommand = false;
          this.advance();
          continue;
        }
        if (op === ')') {
          finish();
          const top = this.open.pop();
          if (!top || top.closer !== ')') throw new ShellSyntaxError('unexpected ")"', token.start);
          this.lastWasCompound = true;
          expectCommand = false;
          atCommandStart = true;
          this.advance();
          continue;
        }
      }
      if (token.kind !== 'word') throw new ShellSyntaxError('unexpected token', token.start);

      const text = token.word.value;
      if (atCommandStart && !current && text !== undefined && this.keyword(text, token.word.start)) {
        expectCommand = false;
        continue;
      }
      this.lastWasCompound = false;
      current ??= this.newCommand(token.word.start, pipeline, pipelineIndex);
      if (current.words.length === 0 && text === '[[') {
        this.testCommand(current);
        atCommandStart = false;
        expectCommand = false;
        continue;
      }
      const assignment = current.words.length === 0 ? ASSIGNMENT.exec(this.src.slice(token.word.start, token.word.end)) : null;
      if (assignment) {
        const raw = this.src.slice(token.word.start, token.word.end);
        const eq = raw.indexOf('=');
        current.assignments.push({
          name: assignment[1]!, // the name group always participates
          value: token.word.value === undefined ? undefined : token.word.value.slice(token.word.value.indexOf('=') + 1),
          start: token.word.start,
          end: token.word.end,
        });
        if (eq === raw.length - 1 && this.src[token.word.end] === '(') {
          this.advance(); // `arr=(a b c)`
          this.skipParenthesised();
          expectCommand = false;
          continue;
        }
      } else {
        current.words.push(token.word);
        atCommandStart = false;
      }
      current.end = token.word.end;
      expectCommand = false;
      this.parseSubstitutions(token.substitutions);
      this.advance();
    }
  }

  private lastWasCompound = false;
  private readonly caseState: Array<'patterns' | 'body' | 'word'> = [];

  private newCommand(start: number, pipeline: number, pipelineIndex: number): RawCommand {
    return { words: [], assignments: [], start, end: start, pipeline, pipelineIndex };
  }

  private advance(): void {
    this.token = this.lexer.next();
  }

  private peekIsCloseParen(): boolean {
    const save = this.lexer.pos;
    const next = this.lexer.next();
    this.lexer.pos = save;
    return next.kind === 'op' && next.op === ')';
  }

  /** Handles a reserved word in command position; returns true when it was one. */
  private keyword(text: string, offset: number): boolean {
    if (text in OPENERS) {
      this.open.push({ closer: OPENERS[text]!, offset }); // text in OPENERS
      this.advance();
      if (text === 'for' || text === 'select') this.skipUntil(['do', '{']);
      if (text === 'case') {
        this.caseState.push('word');
        this.skipUntil(['in']);
        this.caseState[this.caseState.length - 1] = 'patterns';
        this.advance();
      }
      return true;
    }
    if (text === 'fi' || text === 'done' || text === '}' || text === 'esac') {
      this.closeKeyword(text, offset);
      this.lastWasCompound = true;
      this.advance();
      return true;
    }
    if (text === 'function') {
      this.advance(); // the name
      this.advance();
      if (this.token.kind === 'op' && this.token.op === '(') {
        this.advance();
        this.advance();
      }
      return true;
    }
    if (SKIP_KEYWORDS.has(text)) {
      this.advance();
      if (text === 'time' && this.token.kind === 'word' && this.token.word.value === '-p') this.advance();
      return true;
    }
    return false;
  }

  private closeKeyword(closer: string, offset: number): void {
    const top = this.open.pop();
    if (!top || top.closer !== closer) throw new ShellSyntaxError(`unexpected "${closer}"`, offset);
    if (closer === 'esac') this.caseState.pop();
  }

  /** Skips `for x in a b c;` / `case $x` headers up to one of `stops` (left as the current token). */
  private skipUntil(stops: string[]): void {
    for (let t = this.peek(); t.kind !== 'eof'; t = this.peek()) {
      if (t.kind === 'word' && t.word.value !== undefined && stops.includes(t.word.value)) {
        if (t.word.value === 'do') this.advance();
        return;
      }
      if (t.kind === 'op' && t.op === '(') {
        this.skipParenthesised(); // `for ((i=0; i<3; i++))`
        continue;
      }
      this.advance();
    }
  }

  /** Skips from the current `(` past its matching `)`. */
  private skipParenthesised(): void {
    let depth = 0;
    for (let t = this.peek(); t.kind !== 'eof'; t = this.peek()) {
      if (t.kind === 'op' && t.op === '(') depth++;
      if (t.kind === 'op' && t.op === ')') depth--;
      this.advance();
      if (depth === 0) return;
    }
  }

  private peek(): Token {
    return this.token;
  }

  private isCasePatternPosition(): boolean {
    return this.caseState.length > 0 && this.caseState[this.caseState.length - 1] === 'patterns';
  }

  /** `[[ … ]]`: its `&&`, `<` and parentheses are operands, not shell operators. */
  private testCommand(command: RawCommand): void {
    command.words.push((this.token as Extract<Token, { kind: 'word' }>).word);
    for (this.advance(); this.token.kind !== 'eof'; this.advance()) {
      const t = this.token;
      if (t.kind === 'word') {
        command.words.push(t.word);
        command.end = t.word.end;
        this.parseSubstitutions(t.substitutions);
        if (t.word.value === ']]') {
          this.advance();
          return;
        }
      }
    }
    throw new ShellSyntaxError('missing "]]"', command.start);
  }

  private enterCaseBody(): void {
    this.caseState[this.caseState.length - 1] = 'body';
  }

  private caseItemEnded(): void {
    if (this.caseState.length > 0) this.caseState[this.caseState.length - 1] = 'patterns';
  }

  private parseSubstitutions(ranges: Array<[number, number]>): void {
    for (const [start, end] of ranges) {
      const inner = parseShellRange(this.src, start, end, this.pipelines);
      if (inner.error) throw new ShellSyntaxError(inner.error.message, inner.error.offset);
      pushAll(this.result.commands, inner.commands);
      pushAll(this.result.pipes, inner.pipes);
    }
  }
}
