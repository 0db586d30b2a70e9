import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { baseName, commandsOf } from './shell.js';

/** Tools entrypoint scripts use to drop root before starting the service (docker-library images). */
export const PRIVILEGE_DROPPERS = new Set(['gosu', 'su-exec', 'setpriv', 'chpst', 'runuser', 's6-setuidgid', 'setuidgid']);

/** A dropper named inside a word (`apk add su-exec`, `gosu@1.17`, `/usr/local/bin/gosu`). */
const DROPPER_IN_WORD = /(^|[\s/])(gosu|su-exec)([\s.@=-]|$)/;

/** The last instruction with `keyword` (ENTRYPOINT, CMD) among `instructions`. */
export function lastOf(instructions: readonly DockerInstruction[], keyword: string): DockerInstruction | undefined {
  for (let i = instructions.length - 1; i >= 0; i--) if (instructions[i]?.keyword === keyword) return instructions[i];
  return undefined;
}

/** The words of an ENTRYPOINT or CMD, exec form or shell form. */
function startWords(instruction: DockerInstruction): string[] {
  const strings = instruction.execForm.length > 0 ? instruction.execForm.map((s) => s.value) : instruction.args.map((a) => a.value);
  return strings.flatMap((s) => s.split(/\s+/)).filter(Boolean);
}

/** Whether the process the image starts goes through gosu, su-exec, runuser, setpriv, `su … -c`. */
export function startsThroughDropper(instruction: DockerInstruction | undefined): boolean {
  if (!instruction) return false;
  const words = startWords(instruction).map((w) => baseName(w) ?? w);
  return words.some((w) => PRIVILEGE_DROPPERS.has(w)) || (words[0] === 'su' && words.includes('-c'));
}

/** Whether the start command runs an entrypoint script (`docker-entrypoint.sh`, `/entrypoint.sh`). */
export function startsThroughEntrypointScript(instruction: DockerInstruction | undefined): boolean {
  if (!instruction) return false;
  return startWords(instruction).some((w) => /(^|\/)[\w.-]*entrypoint[\w.-]*$/i.test(w));
}

/**
 * Whether the image drops root at start the way docker-library images do: it installs or calls
 * gosu/su-exec/setpriv… in a RUN, or its ENTRYPOINT/CMD goes through one.
 */
export function dropsPrivileges(model: DockerfileModel, instructions: readonly DockerInstruction[]): boolean {
  if (startsThroughDropper(lastOf(instructions, 'ENTRYPOINT')) || startsThroughDropper(lastOf(instructions, 'CMD'))) return true;
  return instructions.some(
    (i) => i.keyword === 'RUN' && commandsOf(model, i).some((c) => PRIVILEGE_DROPPERS.has(baseName(c.name) ?? '') || c.words.some((w) => w.value !== undefined && DROPPER_IN_WORD.test(w.value))),
  );
}
