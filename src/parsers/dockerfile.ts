import { DockerfileParser, type Instruction, type From } from 'dockerfile-ast';
import type { SourceFile, Span } from '../types.js';
import { LineIndex } from './positions.js';
import type { DockerfileModel, DockerInstruction, HeredocBody, ImageReference, ShellInUse, Stage } from '../model/dockerfile.js';
import { parseShell, type ShellScript, type ShellWord } from '../model/shell.js';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function toSpan(range: Range): Span {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const SHELL_INTERPRETERS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash', '/usr/bin/env']);

export function buildDockerfileModel(source: SourceFile): DockerfileModel {
  const ast = DockerfileParser.parse(repairSpacedHeredocs(source.text));
  const lines = new LineIndex(source.text);
  const escapeChar = ast.getEscapeCharacter();
  const instructions: DockerInstruction[] = [];
  for (const inst of ast.getInstructions()) {
    const converted = convertInstruction(inst, false);
    instructions.push(converted);
    if (converted.keyword === 'ONBUILD') {
      const trigger = (inst as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (trigger) instructions.push(convertInstruction(trigger, true));
    }
  }

  const globalArgs = new Map<string, string | undefined>();
  const globalArgInstructions: DockerInstruction[] = [];
  const stages: Stage[] = [];
  const shellPragma = /^\s*#\s*hadolint\s+shell\s*=\s*([\w./\\:-]+)/im.exec(source.text)?.[1];
  const model: DockerfileModel = {
    source, ast, lines, escapeChar, globalArgs, globalArgInstructions, stages, instructions, shellPragma,
    shellOf: (run) => shellCache(run),
    shellFor: (instruction) => shellAt(instruction),
    heredocsOf: (instruction) => heredocs(instruction),
    resolve: (text, instruction) => substitute(text, variablesAt(instruction)),
  };

  let current: Stage | undefined;
  for (const inst of instructions) {
    if (inst.keyword === 'FROM' && !inst.onbuild) {
      current = makeStage(inst, stages.length);
      stages.push(current);
    } else if (!current && inst.keyword === 'ARG') {
      globalArgInstructions.push(inst);
      for (const [name, value] of argDeclarations(inst)) globalArgs.set(name, value === undefined ? undefined : substitute(value, globalArgs).value);
    }
    if (current) {
      inst.stage = current;
      current.instructions.push(inst);
    }
  }
  if (stages.length > 0) stages[stages.length - 1].isFinal = true;

  function makeStage(from: DockerInstruction, index: number): Stage {
    const ast = from.ast as From;
    const written = ast.getImage() ?? '';
    const range = ast.getImageRange();
    const { value, complete } = substitute(written, globalArgs);
    const image: ImageReference = { written, resolved: value, fullyResolved: complete, span: range ? toSpan(range) : from.span };
    const stageName = ast.getBuildStage();
    const parent = stages.find((s) => s.name !== undefined && s.name === value.toLowerCase());
    return { index, name: stageName ? stageName.toLowerCase() : undefined, from, image, parent, instructions: [], isFinal: false };
  }

  function variablesAt(instruction: DockerInstruction | undefined): Map<string, string | undefined> {
    const stage = instruction?.stage;
    if (!stage) return globalArgs;
    const vars = new Map<string, string | undefined>();
    const chain: Stage[] = [];
    for (let s: Stage | undefined = stage; s; s = s.parent) chain.unshift(s);
    for (const s of chain) {
      for (const inst of s.instructions) {
        if (inst === instruction) break;
        if (inst.onbuild) continue;
        if (inst.keyword === 'ARG') {
          for (const [name, value] of argDeclarations(inst)) {
            vars.set(name, value !== undefined ? substitute(value, vars).value : vars.get(name) ?? globalArgs.get(name));
          }
        } else if (inst.keyword === 'ENV') {
          for (const [name, value] of envDeclarations(inst)) vars.set(name, value === undefined ? undefined : substitute(value, vars).value);
        }
      }
    }
    return vars;
  }

  const shells = new Map<DockerInstruction, ShellScript>();
  function shellCache(run: DockerInstruction): ShellScript {
    let script = shells.get(run);
    if (!script) {
      script = buildShell(run);
      shells.set(run, script);
    }
    return script;
  }

  function shellAt(instruction: DockerInstruction): ShellInUse {
    let found: DockerInstruction | undefined;
    const chain: Stage[] = [];
    for (let s: Stage | undefined = instruction.stage; s; s = s.parent) chain.unshift(s);
    outer: for (const s of chain) {
      for (const inst of s.instructions) {
        if (inst === instruction) break outer;
        if (inst.keyword === 'SHELL' && !inst.onbuild) found = inst;
      }
    }
    const argv = found ? jsonStrings(found).map((w) => w.value ?? w.text) : ['/bin/sh', '-c'];
    const program = (argv[0] ?? '').replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
    let nonPosix: string | undefined;
    if (NON_POSIX_SHELLS.has(program)) nonPosix = `the RUN runs under ${argv[0]} (SHELL on line ${found!.span.line})`;
    else if (!found && shellPragma && NON_POSIX_SHELLS.has(shellPragma.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase())) {
      nonPosix = `the file declares \`# hadolint shell=${shellPragma}\``;
    }
    return { argv, instruction: found, nonPosix };
  }

  function buildShell(run: DockerInstruction): ShellScript {
    const first = scriptStart(run);
    if (!first) return { commands: [] };
    if (first.value.startsWith('[')) return execForm(run);
    const shell = shellAt(run);
    if (shell.nonPosix) return { commands: [], skipped: shell.nonPosix };
    const script = paddedText(lines, first.line, first.column, run.span.endLine, escapeChar);
    const main = parseShell(script, first.line);
    if (!script.includes('<<')) return main;
    // Heredoc bodies are scripts when the RUN runs them (`RUN <<EOF`, `RUN bash <<EOF`), unless their
    // shebang names another interpreter (`#!/usr/bin/env python3`).
    const bodies = heredocs(run).filter((body) => (first.value.startsWith('<<') || SHELL_INTERPRETERS.has(first.value)) && !foreignShebang(body.text));
    if (main.parseError || bodies.length === 0) return main;
    const commands = [...main.commands];
    const pipes = [...(main.pipes ?? [])];
    // Pipeline ids are per parse; keep those of each body apart from the others'.
    let offset = Math.max(-1, ...commands.map((c) => c.pipeline?.id ?? -1)) + 1;
    for (const body of bodies) {
      const parsed = parseShell(paddedText(lines, body.span.line, body.span.column, body.span.endLine, '\0'), body.span.line);
      if (parsed.parseError) return { commands, pipes, parseError: parsed.parseError };
      const shifted = parsed.commands.map((c) => (c.pipeline ? { ...c, pipeline: { ...c.pipeline, id: c.pipeline.id + offset } } : c));
      offset = Math.max(offset - 1, ...shifted.map((c) => c.pipeline?.id ?? -1)) + 1;
      commands.push(...shifted);
      pipes.push(...(parsed.pipes ?? []));
    }
    return { commands, pipes };
  }

  /**
   * Where the script of a RUN starts (after the keyword and its flags) and its first word; read
   * from the text because dockerfile-ast's argument list is slow to compute.
   */
  function scriptStart(run: DockerInstruction): { line: number; column: number; value: string } | undefined {
    const end = lines.offsetOf(run.span.endLine, run.span.endColumn);
    let offset = Math.max(lines.offsetOf(run.keywordSpan.endLine, run.keywordSpan.endColumn), ...run.flags.map((f) => lines.offsetOf(f.span.endLine, f.span.endColumn)));
    const text = source.text;
    while (offset < end) {
      const ch = text[offset];
      if (ch === ' ' || ch === '\t' || ch === '\r') offset++;
      else if (ch === escapeChar && /^\r?\n/.test(text.slice(offset + 1, offset + 3))) {
        offset = text.indexOf('\n', offset) + 1;
        // Docker drops comment and empty lines inside a continued instruction.
        while (offset < end && /^[ \t]*(#[^\n]*)?\r?(\n|$)/.test(text.slice(offset, text.indexOf('\n', offset) + 1 || end))) {
          const next = text.indexOf('\n', offset);
          if (next === -1 || next >= end) return undefined;
          offset = next + 1;
        }
      } else break;
    }
    if (offset >= end) return undefined;
    const position = lines.position(offset);
    return { ...position, value: /^[^\s]*/.exec(text.slice(offset, end))![0] };
  }

  function execForm(run: DockerInstruction): ShellScript {
    const words = jsonStrings(run);
    if (words.length === 0) return { commands: [] };
    const span = { ...words[0].span, endLine: words[words.length - 1].span.endLine, endColumn: words[words.length - 1].span.endColumn };
    return { commands: [{ name: words[0].value, words, assignments: [], span }] };
  }

  function heredocs(instruction: DockerInstruction): HeredocBody[] {
    const getter = (instruction.ast as unknown as { getHeredocs?(): Array<{ getName(): string; getContentRange(): Range | null }> }).getHeredocs;
    if (!getter) return [];
    try {
      return getter.call(instruction.ast).flatMap((h) => {
        const range = h.getContentRange();
        if (!range) return [];
        const span = toSpan(range);
        return [{ name: h.getName(), text: source.text.slice(lines.offsetOf(span.line, span.column), lines.offsetOf(span.endLine, span.endColumn)), span }];
      });
    } catch {
      return []; // dockerfile-ast throws on some malformed heredocs; treat them as absent
    }
  }

  return model;
}

const NON_POSIX_SHELLS = new Set(['pwsh', 'powershell', 'cmd']);

/** Whether a heredoc body starts with a shebang naming something other than a POSIX shell. */
function foreignShebang(text: string): boolean {
  const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (!match) return false;
  const program = (match[1].endsWith('/env') ? match[2] ?? '' : match[1]).replace(/^.*\//, '');
  return !['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh'].includes(program);
}

function jsonStrings(inst: DockerInstruction): ShellWord[] {
  const strings = (inst.ast as unknown as { getJSONStrings?(): Array<{ getValue(): string; getJSONValue(): string; getRange(): Range }> }).getJSONStrings?.() ?? [];
  return strings.map((s) => ({ text: s.getValue(), value: s.getJSONValue(), span: toSpan(s.getRange()) }));
}

/**
 * dockerfile-ast splits `RUN cat << 'EOF'` (a space between `<<` and the delimiter) into several
 * bogus instructions (dockerfile-ast #120). Moving the spaces after the delimiter keeps every
 * column where it was and lets the parser see the heredoc. Only done when a later line closes it.
 */
export function repairSpacedHeredocs(text: string): string {
  if (!/<<-?[ \t]+/.test(text)) return text;
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*(RUN|COPY|ADD)\b/i.test(lines[i]) && !/^\s*ONBUILD\s+(RUN|COPY|ADD)\b/i.test(lines[i])) continue;
    lines[i] = lines[i].replace(/(^|[^<\d])<<(-?)([ \t]+)(["']?)([A-Za-z_][A-Za-z0-9_]*)\4/g, (whole, before: string, dash: string, spaces: string, quote: string, name: string) => {
      const closer = new RegExp(`^${dash ? '\\t*' : ''}${name}\\r?$`);
      if (!lines.slice(i + 1).some((l) => closer.test(l))) return whole;
      changed = true;
      return `${before}<<${dash}${quote}${name}${quote}${spaces}`;
    });
  }
  return changed ? lines.join('\n') : text;
}

function convertInstruction(inst: Instruction, onbuild: boolean): DockerInstruction {
  const flagsGetter = (inst as unknown as { getFlags?(): Array<{ getName(): string; getValue(): string | null; getRange(): Range }> }).getFlags;
  const flags = flagsGetter ? flagsGetter.call(inst).map((f) => ({ name: f.getName(), value: f.getValue() ?? undefined, span: toSpan(f.getRange()) })) : [];
  // dockerfile-ast computes arguments slowly (position lookups per character); most instructions
  // are never asked for theirs, so they are computed on first use.
  let args: DockerInstruction['args'] | undefined;
  let argsText: string | undefined;
  return {
    keyword: inst.getKeyword().toUpperCase(),
    written: inst.getInstruction(),
    keywordSpan: toSpan(inst.getInstructionRange()),
    span: toSpan(inst.getRange()),
    get args() {
      return (args ??= inst.getArguments().map((a) => ({ value: a.getValue(), span: toSpan(a.getRange()) })));
    },
    get argsText() {
      return (argsText ??= inst.getRawArgumentsContent() ?? '');
    },
    flags,
    onbuild,
    ast: inst,
  };
}

/**
 * Lines `fromLine..toLine` of the file, with everything before `fromColumn` on the first line
 * blanked and comment lines (which Docker strips from continued instructions) blanked, so the
 * shell parser's line/column are the Dockerfile's own.
 */
export function paddedText(lines: LineIndex, fromLine: number, fromColumn: number, toLine: number, escapeChar: string): string {
  const out: string[] = [];
  let continued = false;
  for (let line = fromLine; line <= toLine; line++) {
    let text = lines.lineText(line);
    if (line === fromLine) text = ' '.repeat(fromColumn - 1) + text.slice(fromColumn - 1);
    else if (continued && /^\s*(#.*)?$/.test(text)) {
      // Docker drops comment and empty lines inside a continued instruction; keep the shell's line going.
      out.push(' '.repeat(Math.max(0, text.length - 1)) + '\\');
      continue;
    }
    // Docker accepts blanks after the escape character; the shell would not.
    const trimmed = text.replace(/[ \t]+$/, '');
    continued = escapeChar !== '\0' && trimmed.endsWith(escapeChar);
    if (continued) text = trimmed.slice(0, -1) + '\\';
    out.push(text);
  }
  return out.join('\n');
}

function argDeclarations(inst: DockerInstruction): Array<[string, string | undefined]> {
  const props = (inst.ast as unknown as { getProperties?(): Array<{ getName(): string; getValue(): string | null }> }).getProperties?.() ?? [];
  return props.map((p) => [p.getName(), p.getValue() ?? undefined]);
}

const envDeclarations = argDeclarations;

function substitute(text: string, vars: Map<string, string | undefined>): { value: string; complete: boolean } {
  let complete = true;
  const value = text.replace(VARIABLE, (whole, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const known = vars.get(name);
    const isSet = known !== undefined && (op?.startsWith(':') ? known !== '' : true);
    if (op?.endsWith('-')) return isSet ? known : word ?? '';
    if (op?.endsWith('+')) return isSet ? word ?? '' : '';
    if (known === undefined) {
      complete = false;
      return whole;
    }
    return known;
  });
  return { value, complete };
}
