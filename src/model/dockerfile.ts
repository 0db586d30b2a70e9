import type { Instruction, From, Dockerfile as AstDockerfile } from 'dockerfile-ast';
import type { SourceFile, Span } from '../types.js';
import type { LineIndex } from '../parsers/positions.js';
import type { ShellScript } from './shell.js';

export interface Located {
  readonly span: Span;
}

export interface DockerFlag extends Located {
  name: string;
  value?: string;
}

export interface DockerArgument extends Located {
  value: string;
}

export interface DockerInstruction extends Located {
  /** Upper-cased keyword (`RUN`, `FROM`…); for ONBUILD triggers, the trigger's keyword. */
  keyword: string;
  /** The keyword as written. */
  written: string;
  keywordSpan: Span;
  args: DockerArgument[];
  /** Argument text as written (continuations and embedded comments included). */
  argsText: string;
  flags: DockerFlag[];
  /** Set for the trigger of an `ONBUILD` instruction. */
  onbuild: boolean;
  stage?: Stage;
  /** The dockerfile-ast node, for rules that need its specialised API. */
  ast: Instruction;
}

export interface ImageReference {
  /** As written (`${BASE}`, `nginx:1.25`). */
  written: string;
  /** With build arguments substituted where their defaults are known. */
  resolved: string;
  /** False when an unresolved variable remains. */
  fullyResolved: boolean;
  span: Span;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it. */
  name?: string;
  from: DockerInstruction;
  image: ImageReference;
  /** The earlier stage this one is built `FROM`, when it refers to one. */
  parent?: Stage;
  instructions: DockerInstruction[];
  isFinal: boolean;
}

export interface HeredocBody {
  name: string;
  /** Body text, and where it starts. */
  text: string;
  span: Span;
}

export interface DockerfileModel {
  source: SourceFile;
  ast: AstDockerfile;
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
}

export interface ShellInUse {
  /** `SHELL` argv (`["/bin/bash", "-o", "pipefail", "-c"]`); `["/bin/sh", "-c"]` by default. */
  argv: string[];
  /** The SHELL instruction that set it; undefined for the default. */
  instruction?: DockerInstruction;
  /** Set when the shell is not a POSIX shell (pwsh, powershell, cmd), by SHELL or by pragma; holds why. */
  nonPosix?: string;
}

/** One ShellCheck comment, positioned in the Dockerfile. */
export interface ShellcheckComment {
  /** `SC2086`. */
  code: string;
  level: 'error' | 'warning' | 'info' | 'style';
  message: string;
  span: Span;
  run: DockerInstruction;
}

export type FromInstruction = From;
