import type { SourceFile, Span } from '../types.js';
import type { LineIndex } from '../parsers/positions.js';
import type { ModelNode } from './node.js';
import type { ShellScript } from './shell.js';

/** A located piece of text of an instruction: an argument, a flag value, a property name or value, an exec-form string. */
export interface DockerText extends ModelNode {
  /** The text as the builder reads it (quotes removed for properties and exec-form strings). */
  value: string;
}

/** An option of a flag value (`--mount=type=cache,target=/x`: `type`, `target`). */
export interface DockerFlagOption extends ModelNode {
  name: string;
  value?: string;
  nameNode: DockerText;
  valueNode?: DockerText;
}

export interface DockerFlag extends ModelNode {
  /** Name without the dashes (`from`, `platform`). */
  name: string;
  value?: string;
  nameNode: DockerText;
  /** Where the value is written (`--platform=linux/amd64`: `linux/amd64`). */
  valueNode?: DockerText;
  /** Comma-separated `key=value` options of the value (`--mount`). */
  options: DockerFlagOption[];
}

export type DockerArgument = DockerText;

/** A string of an exec-form JSON array: `value` is the decoded string, `raw` the string as written. */
export interface DockerExecString extends DockerText {
  raw: string;
}

/** A key/value property of ENV, ARG or LABEL. */
export interface DockerProperty extends ModelNode {
  /** The name as the parser reads it (LABEL keys keep their quotes here; see `key`). */
  name: string;
  /** The name with surrounding quotes removed. */
  key: string;
  /** The value with quotes resolved; undefined when the property has no value (`ARG NAME`). */
  value?: string;
  /** The value as written (quotes, escapes and continuations included). */
  rawValue?: string;
  /** Written `NAME value` without `=` (the legacy ENV/LABEL form). */
  legacy: boolean;
  nameNode: DockerText;
  valueNode?: DockerText;
}

/** A `$NAME`/`${NAME…}` reference in an instruction. */
export interface DockerVariableRef extends ModelNode {
  name: string;
  /** `${NAME:-default}` and the like. */
  hasModifier: boolean;
}

export interface CopyOperand extends DockerText {
  /** The value holds a `$VAR` we cannot judge. */
  variable: boolean;
}

export interface CopyOperands {
  sources: CopyOperand[];
  dest: CopyOperand;
}

export interface DockerInstruction extends ModelNode {
  /** Upper-cased keyword (`RUN`, `FROM`…); for ONBUILD triggers, the trigger's keyword. */
  keyword: string;
  /** The keyword as written. */
  written: string;
  /** The keyword (`RUN`), located. */
  keywordNode: DockerText;
  keywordSpan: Span;
  /** Arguments after the flags, split on whitespace. */
  args: DockerArgument[];
  /** Argument text as written (continuations and embedded comments included). */
  argsText: string;
  flags: DockerFlag[];
  /** Properties of ENV, ARG and LABEL (empty for other instructions). */
  properties: DockerProperty[];
  /** Strings of an exec-form (JSON array) argument list; empty in shell form. */
  execForm: DockerExecString[];
  /** Heredocs of RUN, COPY and ADD. */
  heredocs: HeredocBody[];
  /** COPY/ADD sources and destination (flags left out, shell or exec form); undefined for other instructions, heredoc forms and fewer than two operands. */
  copyOperands?: CopyOperands;
  /** Variable references in the instruction. */
  variables: DockerVariableRef[];
  /** Set for the trigger of an `ONBUILD` instruction. */
  onbuild: boolean;
  stage?: Stage;
  /** Position of the instruction in `DockerfileModel.instructions`. */
  index: number;
}

export interface ImageReference extends ModelNode {
  /** As written (`${BASE}`, `nginx:1.25`). */
  written: string;
  /** With build arguments substituted where their defaults are known. */
  resolved: string;
  /** False when an unresolved variable remains. */
  fullyResolved: boolean;
}

export interface Stage extends ModelNode {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it. */
  name?: string;
  /** `AS name` as written, located. */
  alias?: DockerText;
  from: DockerInstruction;
  image: ImageReference;
  /** `--platform` of the FROM. */
  platform?: DockerFlag;
  /** The earlier stage this one is built `FROM`, when it refers to one. */
  parent?: Stage;
  instructions: DockerInstruction[];
  isFinal: boolean;
}

export interface HeredocBody extends ModelNode {
  /** The delimiter word (`EOF`). */
  name: string;
  /** Body text, and where it starts. */
  text: string;
  /** Destination of a COPY/ADD heredoc (`COPY <<EOF /etc/app.conf`). */
  destination?: DockerText;
}

export interface DockerfileModel {
  source: SourceFile;
  lines: LineIndex;
  escapeChar: string;
  /** ARGs declared before the first FROM, with their defaults (undefined: no default). */
  globalArgs: Map<string, string | undefined>;
  globalArgInstructions: DockerInstruction[];
  stages: Stage[];
  /** Every instruction in order, ONBUILD triggers included after their ONBUILD. */
  instructions: DockerInstruction[];
  /** Shell model of a RUN (built on first use, cached); `skipped` says why when the RUN's shell is not POSIX. */
  shellOf(run: DockerInstruction): ShellScript;
  /** The shell a shell-form instruction runs under: the stage's last `SHELL` before it (inherited through `FROM <stage>`), else `/bin/sh -c`. */
  shellFor(instruction: DockerInstruction): ShellInUse;
  /** `# hadolint shell=<name>` pragma of the file, if any. */
  shellPragma?: string;
  heredocsOf(instruction: DockerInstruction): HeredocBody[];
  /** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` with values known at `instruction`. */
  resolve(text: string, instruction?: DockerInstruction): { value: string; complete: boolean };
  /** Whether an ARG or ENV before `instruction` in its stage chain declares `name` (ONBUILD triggers left out). */
  declaredBefore(name: string, instruction: DockerInstruction): boolean;
  /** ARG and ENV properties named `name` before `instruction` in its stage chain, in build order (ONBUILD triggers left out). */
  declarationsBefore(name: string, instruction: DockerInstruction): DockerProperty[];
  /** Whether an instruction with `keyword` precedes `instruction` in its stage chain (ONBUILD triggers left out). */
  hasBefore(keyword: string, instruction: DockerInstruction): boolean;
  /** Instructions that precede `instruction` in its stage chain (ONBUILD triggers left out), in build order. */
  instructionsBefore(instruction: DockerInstruction): DockerInstruction[];
  /** Derives nodes from parts of the file's nodes. */
  parts: DockerfileParts;
}

/** Nodes made from parts of other nodes, so rules point at a part without building a span. */
export interface DockerfileParts {
  /** From the start of `first` to the end of `last`. */
  covering(first: ModelNode, last?: ModelNode): ModelNode;
  /** Characters `start..end` of a one-line text node (the whole node when it spans lines or was written with escapes). */
  slice(node: DockerText, start: number, end: number): ModelNode;
  /** From the start of `node` to the end of its first line. */
  restOfLine(node: ModelNode): ModelNode;
  /** An empty point at column 1 of `line`. */
  lineStart(line: number): ModelNode;
  /** One character at `line`:`column`. */
  character(line: number, column: number): ModelNode;
  /** From the first to the last argument of an instruction (the instruction when it has none). */
  arguments(instruction: DockerInstruction): ModelNode;
}

export interface ShellInUse {
  /** `SHELL` argv (`["/bin/bash", "-o", "pipefail", "-c"]`); `["/bin/sh", "-c"]` by default. */
  argv: string[];
  /** The SHELL instruction that set it; undefined for the default. */
  instruction?: DockerInstruction;
  /** Set when the shell is not a POSIX shell (pwsh, powershell, cmd), by SHELL or by pragma; holds why. */
  nonPosix?: string;
}
