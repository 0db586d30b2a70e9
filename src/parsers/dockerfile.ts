import { maxOf, pushAll } from '../util/arrays.js';
import { paddedText } from '../model/dockerfile-text.js';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { SourceFile, Span } from '../types.js';
import { LineIndex } from './positions.js';
import type {
  CopyOperands,
  DockerExecString,
  DockerFlag,
  DockerfileModel,
  DockerfileParts,
  DockerInstruction,
  DockerProperty,
  DockerText,
  DockerVariableRef,
  HeredocBody,
  ImageReference,
  ShellInUse,
  Stage,
} from '../model/dockerfile.js';
import { modelNode, type ModelNode } from '../model/node.js';
import { parseShell, type ShellScript } from '../model/shell.js';
import { VariableTimeline } from './dockerfile-scope.js';

/** dockerfile-ast's 0-based range; converted to 1-based spans here and nowhere else. */
interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The parts of dockerfile-ast's instruction subclasses the model reads; which ones exist depends on the instruction. */
interface AstInstruction {
  getKeyword(): string;
  getInstruction(): string;
  getInstructionRange(): Range;
  getRange(): Range;
  getArguments(): Array<{ getValue(): string; getRange(): Range }>;
  getRawArgumentsContent(): string | null;
  getTriggerInstruction?(): Instruction | null;
  getFlags?(): Array<{
    getName(): string;
    getValue(): string | null;
    getRange(): Range;
    getNameRange(): Range;
    getValueRange(): Range | null;
    getOptions(): Array<{
      getName(): string;
      getValue(): string | null;
      getRange(): Range;
      getNameRange(): Range;
      getValueRange(): Range | null;
    }>;
  }>;
  getProperties?(): Array<{
    getName(): string;
    getValue(): string | null;
    getRange(): Range;
    getNameRange(): Range;
    getValueRange(): Range | null;
    getAssignmentOperator(): string | null;
  }>;
  getJSONStrings?(): Array<{ getValue(): string; getJSONValue(): string; getRange(): Range }>;
  getHeredocs?(): Array<{ getName(): string; getContentRange(): Range | null }>;
  getVariables(): Array<{ getName(): string; getNameRange(): Range; getModifier(): string | null }>;
  getImage?(): string | null;
  getImageRange?(): Range | null;
  getBuildStage?(): string | null;
  getBuildStageRange?(): Range | null;
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
  const node = <T extends { span: Span }>(value: T): T & ModelNode => modelNode(value, source);
  const text = (value: string, range: Range): DockerText => node({ value, span: toSpan(range) });
  const instructions: DockerInstruction[] = [];
  for (const inst of ast.getInstructions() as unknown as AstInstruction[]) {
    const converted = convertInstruction(inst, false);
    instructions.push(converted);
    if (converted.keyword === 'ONBUILD') {
      const trigger = inst.getTriggerInstruction?.();
      if (trigger) instructions.push(convertInstruction(trigger as unknown as AstInstruction, true));
    }
  }

  const globalArgs = new Map<string, string | undefined>();
  const passedArgs = source.composeBuild?.args ?? {};
  const buildArg = (name: string): string | undefined => (Object.hasOwn(passedArgs, name) ? passedArgs[name] : undefined);
  const globalArgInstructions: DockerInstruction[] = [];
  const stages: Stage[] = [];
  const stagesByName = new Map<string, Stage>();
  const shellPragma = /^\s*#\s*hadolint\s+shell\s*=\s*([\w./\\:-]+)/im.exec(source.text)?.[1];
  const parts = makeParts(source, lines);
  const timeline = new VariableTimeline();
  const model: DockerfileModel = {
    source,
    lines,
    escapeChar,
    globalArgs,
    globalArgInstructions,
    stages,
    instructions,
    shellPragma,
    parts,
    shellOf: (run) => shellCache(run),
    shellFor: (instruction) => shellAt(instruction),
    heredocsOf: (instruction) => instruction.heredocs,
    resolve: (text, instruction) =>
      substitute(text, instruction?.stage ? (name) => timeline.valueAt(name, instruction) : (name) => globalArgs.get(name)),
    declaredBefore: (name, instruction) => timeline.declaredBefore(name, instruction),
    declarationsBefore: (name, instruction) => timeline.declarationsBefore(name, instruction),
    hasBefore: (keyword, instruction) => timeline.hasBefore(keyword, instruction),
    instructionsBefore: (instruction) => timeline.instructionsBefore(instruction),
  };

  let current: Stage | undefined;
  for (const inst of instructions) {
    if (inst.keyword === 'FROM' && !inst.onbuild) {
      current = makeStage(inst, stages.length);
      stages.push(current);
      if (current.name !== undefined && !stagesByName.has(current.name)) stagesByName.set(current.name, current);
      timeline.enterStage(current);
    } else if (!current && inst.keyword === 'ARG') {
      globalArgInstructions.push(inst);
      for (const p of inst.properties)
        globalArgs.set(
          p.name,
          buildArg(p.name) ?? (p.value === undefined ? undefined : substitute(p.value, (name) => globalArgs.get(name)).value),
        );
    }
    if (current) {
      inst.stage = current;
      current.instructions.push(inst);
      timeline.add(
        inst,
        (value) => substitute(value, (name) => timeline.current(name)).value,
        (name) => globalArgs.get(name),
        buildArg,
      );
    }
  }
  // `build.target` of a Compose service that builds this file: that stage is the image it gets.
  const target = source.composeBuild?.target?.toLowerCase();
  const last = (target !== undefined ? stagesByName.get(target) : undefined) ?? stages[stages.length - 1];
  if (last) last.isFinal = true;

  function makeStage(from: DockerInstruction, index: number): Stage {
    const fromAst = astOf.get(from)!;
    const written = fromAst.getImage?.() ?? '';
    const range = fromAst.getImageRange?.();
    const { value, complete } = substitute(written, (name) => globalArgs.get(name));
    const image: ImageReference = node({ written, resolved: value, fullyResolved: complete, span: range ? toSpan(range) : from.span });
    const stageName = fromAst.getBuildStage?.() ?? undefined;
    const stageRange = fromAst.getBuildStageRange?.();
    const parent = stagesByName.get(value.toLowerCase());
    return node({
      index,
      name: stageName ? stageName.toLowerCase() : undefined,
      alias: stageName && stageRange ? text(stageName, stageRange) : undefined,
      from,
      image,
      platform: from.flags.find((f) => f.name === 'platform'),
      parent,
      instructions: [],
      isFinal: false,
      span: from.span,
    });
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
    const found = timeline.shellAt(instruction);
    const argv = found ? found.execForm.map((w) => w.value) : ['/bin/sh', '-c'];
    const program = (argv[0] ?? '')
      .replace(/^.*[\\/]/, '')
      .replace(/\.exe$/i, '')
      .toLowerCase();
    let nonPosix: string | undefined;
    if (found && NON_POSIX_SHELLS.has(program)) nonPosix = `the RUN runs under ${argv[0]} (SHELL on line ${found.span.line})`;
    else if (
      !found &&
      shellPragma &&
      NON_POSIX_SHELLS.has(
        shellPragma
          .replace(/^.*[\\/]/, '')
          .replace(/\.exe$/i, '')
          .toLowerCase(),
      )
    ) {
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
    const main = parseShell(script, first.line, source);
    if (!script.includes('<<')) return main;
    // Heredoc bodies are scripts when the RUN runs them (`RUN <<EOF`, `RUN bash <<EOF`), unless their
    // shebang names another interpreter (`#!/usr/bin/env python3`).
    const bodies = run.heredocs.filter(
      (body) => (first.value.startsWith('<<') || SHELL_INTERPRETERS.has(first.value)) && !foreignShebang(body.text),
    );
    if (main.parseError || bodies.length === 0) return main;
    const commands = [...main.commands];
    const pipes = [...(main.pipes ?? [])];
    // Pipeline ids are per parse; keep those of each body apart from the others'.
    let offset =
      maxOf(
        commands.map((c) => c.pipeline?.id ?? -1),
        -1,
      ) + 1;
    for (const body of bodies) {
      const parsed = parseShell(paddedText(lines, body.span.line, body.span.column, body.span.endLine, '\0'), body.span.line, source);
      if (parsed.parseError) return { commands, pipes, parseError: parsed.parseError };
      const shifted = parsed.commands.map((c) =>
        c.pipeline ? Object.assign(c, { pipeline: { ...c.pipeline, id: c.pipeline.id + offset } }) : c,
      );
      offset =
        maxOf(
          shifted.map((c) => c.pipeline?.id ?? -1),
          offset - 1,
        ) + 1;
      pushAll(commands, shifted);
      pushAll(pipes, parsed.pipes ?? []);
    }
    return { commands, pipes };
  }

  /**
   * Where the script of a RUN starts (after the keyword and its flags) and its first word; read
   * from the text because dockerfile-ast's argument list is slow to compute.
   */
  function scriptStart(run: DockerInstruction): { line: number; column: number; value: string } | undefined {
    const end = lines.offsetOf(run.span.endLine, run.span.endColumn);
    let offset = Math.max(
      lines.offsetOf(run.keywordSpan.endLine, run.keywordSpan.endColumn),
      ...run.flags.map((f) => lines.offsetOf(f.span.endLine, f.span.endColumn)),
    );
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
    return { ...position, value: /^[^\s]*/.exec(text.slice(offset, end))?.[0] ?? '' };
  }

  function execForm(run: DockerInstruction): ShellScript {
    const words = run.execForm.map((s) => node({ text: s.raw, value: s.value, span: s.span }));
    const first = words[0];
    const last = words[words.length - 1];
    if (!first || !last) return { commands: [] };
    return { commands: [node({ name: first.value, words, assignments: [], span: parts.covering(first, last).span })] };
  }

  function convertInstruction(inst: AstInstruction, onbuild: boolean): DockerInstruction {
    const flags: DockerFlag[] = (inst.getFlags?.() ?? []).map((f) => {
      const valueRange = f.getValueRange();
      const value = f.getValue() ?? undefined;
      return node({
        name: f.getName(),
        value,
        span: toSpan(f.getRange()),
        nameNode: text(f.getName(), f.getNameRange()),
        valueNode: valueRange ? text(value ?? '', valueRange) : undefined,
        get options() {
          return f.getOptions().map((o) => {
            const optionValueRange = o.getValueRange();
            const optionValue = o.getValue() ?? undefined;
            return node({
              name: o.getName(),
              value: optionValue,
              span: toSpan(o.getRange()),
              nameNode: text(o.getName(), o.getNameRange()),
              valueNode: optionValueRange ? text(optionValue ?? '', optionValueRange) : undefined,
            });
          });
        },
      });
    });
    const keywordSpan = toSpan(inst.getInstructionRange());
    // dockerfile-ast computes arguments, properties and the like slowly (position lookups per
    // character); most instructions are never asked for theirs, so they are computed on first use.
    let args: DockerInstruction['args'] | undefined;
    let argsText: string | undefined;
    let properties: DockerProperty[] | undefined;
    let execStrings: DockerExecString[] | undefined;
    let heredocs: HeredocBody[] | undefined;
    let copy: { operands?: CopyOperands } | undefined;
    let variables: DockerVariableRef[] | undefined;
    const instruction: DockerInstruction = node({
      keyword: inst.getKeyword().toUpperCase(),
      written: inst.getInstruction(),
      keywordNode: node({ value: inst.getInstruction(), span: keywordSpan }),
      keywordSpan,
      span: toSpan(inst.getRange()),
      get args() {
        return (args ??= inst.getArguments().map((a) => text(a.getValue(), a.getRange())));
      },
      get argsText() {
        return (argsText ??= inst.getRawArgumentsContent() ?? '');
      },
      get properties() {
        return (properties ??= (inst.getProperties?.() ?? []).map((p) => {
          const name = p.getName();
          const value = p.getValue() ?? undefined;
          const valueRange = p.getValueRange();
          const valueSpan = valueRange ? toSpan(valueRange) : undefined;
          return node({
            name,
            key: name.replace(/^["']|["']$/g, ''),
            value,
            rawValue: valueSpan
              ? source.text.slice(lines.offsetOf(valueSpan.line, valueSpan.column), lines.offsetOf(valueSpan.endLine, valueSpan.endColumn))
              : undefined,
            legacy: value !== undefined && !p.getAssignmentOperator(),
            nameNode: text(name, p.getNameRange()),
            valueNode: valueRange ? text(value ?? '', valueRange) : undefined,
            span: toSpan(p.getRange()),
          });
        }));
      },
      get execForm() {
        return (execStrings ??= (inst.getJSONStrings?.() ?? []).map((s) =>
          node({ value: s.getJSONValue(), raw: s.getValue(), span: toSpan(s.getRange()) }),
        ));
      },
      get heredocs() {
        return (heredocs ??= heredocsOf(inst, instruction));
      },
      get copyOperands() {
        return (copy ??= { operands: copyOperandsOf(instruction) }).operands;
      },
      get variables() {
        return (variables ??= inst
          .getVariables()
          .map((v) => node({ name: v.getName(), span: toSpan(v.getNameRange()), hasModifier: v.getModifier() !== null })));
      },
      flags,
      onbuild,
      index: instructions.length,
    });
    astOf.set(instruction, inst);
    return instruction;
  }

  function heredocsOf(inst: AstInstruction, instruction: DockerInstruction): HeredocBody[] {
    if (!inst.getHeredocs) return [];
    try {
      const found = inst.getHeredocs().flatMap((h) => {
        const range = h.getContentRange();
        if (!range) return [];
        const span = toSpan(range);
        return [
          {
            name: h.getName(),
            text: source.text.slice(lines.offsetOf(span.line, span.column), lines.offsetOf(span.endLine, span.endColumn)),
            span,
          },
        ];
      });
      if (found.length === 0) return [];
      // The destination is the last operand on the instruction's first line (the bodies follow it).
      const firstLine =
        instruction.keyword === 'COPY' || instruction.keyword === 'ADD'
          ? instruction.args.filter((arg) => arg.span.line === instruction.span.line)
          : [];
      const last = firstLine[firstLine.length - 1];
      const destination = last && !last.value.startsWith('<<') ? last : undefined;
      return found.map((h) => node({ ...h, destination }));
    } catch {
      return []; // dockerfile-ast throws on some malformed heredocs; treat them as absent
    }
  }

  return model;
}

/** The dockerfile-ast node of each instruction, for the parser only. */
const astOf = new WeakMap<DockerInstruction, AstInstruction>();

/**
 * Sources and destination of a COPY or ADD, flags left out, shell or JSON form; undefined for
 * heredoc forms (`COPY <<EOF /x`), whose "sources" are inline files.
 */
function copyOperandsOf(inst: DockerInstruction): CopyOperands | undefined {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return undefined;
  if (inst.args.some((a) => a.value.startsWith('<<'))) return undefined;
  const afterFlags = inst.argsText.replace(/^(\s*--\S+)*\s*/, '');
  const texts: DockerText[] = afterFlags.startsWith('[') ? inst.execForm : inst.args.filter((a) => !a.value.startsWith('--'));
  const operands = texts.map((t) => modelNode({ value: t.value, span: t.span, variable: t.value.includes('$') }, t.sourceFile));
  const dest = operands[operands.length - 1];
  if (operands.length < 2 || !dest) return undefined;
  return { sources: operands.slice(0, -1), dest };
}

function makeParts(source: SourceFile, lines: LineIndex): DockerfileParts {
  const node = (span: Span): ModelNode => modelNode({ span }, source);
  return {
    covering: (first, last = first) =>
      node({ line: first.span.line, column: first.span.column, endLine: last.span.endLine, endColumn: last.span.endColumn }),
    slice: (text, start, end) => {
      const { span } = text;
      if (span.line !== span.endLine || span.endColumn - span.column !== text.value.length) return node(span);
      return node({ line: span.line, column: span.column + start, endLine: span.line, endColumn: span.column + end });
    },
    restOfLine: (from) =>
      node({
        line: from.span.line,
        column: from.span.column,
        endLine: from.span.line,
        endColumn: lines.lineText(from.span.line).length + 1,
      }),
    lineStart: (line) => node({ line, column: 1, endLine: line, endColumn: 1 }),
    character: (line, column) => node({ line, column, endLine: line, endColumn: column + 1 }),
    arguments: (instruction) => {
      const first = instruction.args[0];
      const last = instruction.args[instruction.args.length - 1];
      return first && last
        ? node({ line: first.span.line, column: first.span.column, endLine: last.span.endLine, endColumn: last.span.endColumn })
        : node(instruction.span);
    },
  };
}

const NON_POSIX_SHELLS = new Set(['pwsh', 'powershell', 'cmd']);

/** Whether a heredoc body starts with a shebang naming something other than a POSIX shell. */
function foreignShebang(text: string): boolean {
  const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (!match) return false;
  const interpreter = match[1] ?? '';
  const program = (interpreter.endsWith('/env') ? (match[2] ?? '') : interpreter).replace(/^.*\//, '');
  return !['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh'].includes(program);
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
    const line = lines[i] ?? '';
    if (!/^\s*(RUN|COPY|ADD)\b/i.test(line) && !/^\s*ONBUILD\s+(RUN|COPY|ADD)\b/i.test(line)) continue;
    lines[i] = line.replace(
      /(^|[^<\d])<<(-?)([ \t]+)(["']?)([A-Za-z_][A-Za-z0-9_]*)\4/g,
      (whole, before: string, dash: string, spaces: string, quote: string, name: string) => {
        const closer = new RegExp(`^${dash ? '\\t*' : ''}${name}\\r?$`);
        if (!lines.slice(i + 1).some((l) => closer.test(l))) return whole;
        changed = true;
        return `${before}<<${dash}${quote}${name}${quote}${spaces}`;
      },
    );
  }
  return changed ? lines.join('\n') : text;
}

export function substitute(text: string, lookup: (name: string) => string | undefined): { value: string; complete: boolean } {
  let complete = true;
  const value = text.replace(
    VARIABLE,
    (whole, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const known = lookup(name);
      const isSet = known !== undefined && (op?.startsWith(':') ? known !== '' : true);
      if (op?.endsWith('-')) return isSet ? known : (word ?? '');
      if (op?.endsWith('+')) return isSet ? (word ?? '') : '';
      if (known === undefined) {
        complete = false;
        return whole;
      }
      return known;
    },
  );
  return { value, complete };
}
