import type { Span } from '../../src/types.js';
import type { DockerArgument, DockerfileModel, DockerInstruction, Stage } from '../../src/model/dockerfile.js';

/** The stage and the earlier stages it is built `FROM`, outermost ancestor first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.parent) chain.unshift(s);
  return chain;
}

/** The final stage and its `FROM <stage>` ancestors: everything the shipped image is made of. */
export function finalChain(model: DockerfileModel): Stage[] {
  const final = model.stages[model.stages.length - 1];
  return final ? stageChain(final) : [];
}

/** Instructions of a stage chain (ONBUILD triggers left out), in build order. */
export function chainInstructions(stage: Stage): DockerInstruction[] {
  return stageChain(stage).flatMap((s) => s.instructions.filter((i) => !i.onbuild));
}

/** Instructions that precede `instruction` in its stage chain (ONBUILD triggers left out). */
export function instructionsBefore(instruction: DockerInstruction): DockerInstruction[] {
  if (!instruction.stage) return [];
  const all = chainInstructions(instruction.stage);
  const index = all.indexOf(instruction);
  return index === -1 ? all : all.slice(0, index);
}

/**
 * The span of `text.slice(start, end)` inside a one-line argument; the whole argument when the
 * argument spans lines or was written with escapes (so offsets would not match).
 */
export function spanWithin(arg: { span: Span; value: string }, start: number, end: number): Span {
  const { span } = arg;
  if (span.line !== span.endLine || span.endColumn - span.column !== arg.value.length) return span;
  return { line: span.line, column: span.column + start, endLine: span.line, endColumn: span.column + end };
}

/** The span from the first to the last argument of an instruction (its whole instruction when it has none). */
export function argumentsSpan(instruction: DockerInstruction): Span {
  const args: DockerArgument[] = instruction.args;
  if (args.length === 0) return instruction.span;
  const first = args[0].span;
  const last = args[args.length - 1].span;
  return { line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn };
}

/** Build arguments BuildKit defines without an `ARG` (platform arguments only in the global scope). */
export const PLATFORM_ARGS = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETSTAGE'];
export const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];
export const BUILDKIT_ARGS = ['BUILDKIT_INLINE_CACHE', 'BUILDKIT_SYNTAX', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE', 'BUILDKIT_DOCKERFILE_CHECK', 'SOURCE_DATE_EPOCH'];

/** `ARG`/`ENV` names (dockerfile-ast properties) of one instruction, with the span of each name. */
export function declaredNames(instruction: DockerInstruction): Array<{ name: string; value?: string; hasValue: boolean; legacy: boolean; span: Span }> {
  const props = (instruction.ast as unknown as { getProperties?(): Array<{ getName(): string; getValue(): string | null; getNameRange(): Range; getAssignmentOperator?(): string | null }> }).getProperties?.() ?? [];
  return props.map((p) => ({ name: p.getName(), value: p.getValue() ?? undefined, hasValue: p.getValue() !== null, legacy: p.getValue() !== null && !p.getAssignmentOperator?.(), span: toSpan(p.getNameRange()) }));
}

/** Variable references (`$X`, `${X}`, `${X:-y}`) of an instruction, as dockerfile-ast finds them. */
export function variableRefs(instruction: DockerInstruction): Array<{ name: string; span: Span; hasModifier: boolean }> {
  const vars = (instruction.ast as unknown as { getVariables?(): Array<{ getName(): string; getNameRange(): Range; getModifier(): string | null }> }).getVariables?.() ?? [];
  return vars.map((v) => ({ name: v.getName(), span: toSpan(v.getNameRange()), hasModifier: v.getModifier() !== null }));
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function toSpan(range: Range): Span {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** A flag of an instruction (`--platform`), with the span of its value when it has one. */
export function flagOf(instruction: DockerInstruction, name: string): { value?: string; span: Span; valueSpan?: Span } | undefined {
  const flags = (instruction.ast as unknown as { getFlags?(): Array<{ getName(): string; getValue(): string | null; getRange(): Range; getValueRange(): Range | null }> }).getFlags?.() ?? [];
  const flag = flags.find((f) => f.getName() === name);
  if (!flag) return undefined;
  const valueRange = flag.getValueRange();
  return { value: flag.getValue() ?? undefined, span: toSpan(flag.getRange()), valueSpan: valueRange ? toSpan(valueRange) : undefined };
}
