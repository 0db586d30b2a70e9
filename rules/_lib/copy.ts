import type { CopyOperands, DockerFlag, DockerInstruction } from '../../src/model/dockerfile.js';

export type { CopyOperand } from '../../src/model/dockerfile.js';

/**
 * Sources and destination of a COPY or ADD, flags left out, shell or JSON form; undefined for
 * heredoc forms (`COPY <<EOF /x`), whose "sources" are inline files.
 */
export function copyOperands(inst: DockerInstruction): CopyOperands | undefined {
  return inst.copyOperands;
}

/** A flag of the instruction that has a value (`--from=build`). */
export function flagValue(inst: DockerInstruction, name: string): (DockerFlag & { value: string }) | undefined {
  return inst.flags.find((f): f is DockerFlag & { value: string } => f.name === name && f.value !== undefined);
}

export const ARCHIVE =
  /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tlz|tar\.lzma|tar\.Z|tZ|gz|bz2|xz|lz|lzma|zst|Z|zip)$/i;
export const TAR_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;
export const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
export const GIT_REF = /^git@|\.git(#.*)?$/;
