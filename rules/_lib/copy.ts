import type { DockerInstruction } from '../../src/model/dockerfile.js';
import type { Span } from '../../src/types.js';

export interface CopyOperand {
  value: string;
  span: Span;
  /** The value holds a `$VAR` we cannot judge. */
  variable: boolean;
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * Sources and destination of a COPY or ADD, flags left out, shell or JSON form; undefined for
 * heredoc forms (`COPY <<EOF /x`), whose "sources" are inline files.
 */
export function copyOperands(inst: DockerInstruction): { sources: CopyOperand[]; dest: CopyOperand } | undefined {
  if (inst.args.some((a) => a.value.startsWith('<<'))) return undefined;
  let operands: CopyOperand[];
  const afterFlags = inst.argsText.replace(/^(\s*--\S+)*\s*/, '');
  if (afterFlags.startsWith('[')) {
    const strings = (inst.ast as unknown as { getJSONStrings?(): Array<{ getJSONValue(): string; getRange(): Range }> }).getJSONStrings?.() ?? [];
    operands = strings.map((s) => {
      const r = s.getRange();
      return { value: s.getJSONValue(), span: { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 }, variable: s.getJSONValue().includes('$') };
    });
  } else {
    operands = inst.args.filter((a) => !a.value.startsWith('--')).map((a) => ({ value: a.value, span: a.span, variable: a.value.includes('$') }));
  }
  if (operands.length < 2) return undefined;
  return { sources: operands.slice(0, -1), dest: operands[operands.length - 1] };
}

export function flagValue(inst: DockerInstruction, name: string): { value: string; span: Span } | undefined {
  const flag = inst.flags.find((f) => f.name === name && f.value !== undefined);
  return flag ? { value: flag.value!, span: flag.span } : undefined;
}

export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tlz|tar\.lzma|tar\.Z|tZ|gz|bz2|xz|lz|lzma|zst|Z|zip)$/i;
export const TAR_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;
export const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
export const GIT_REF = /^git@|\.git(#.*)?$/;
