import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A report or cache entry that could not be written; the message names the path and the cause. */
export class WriteError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The file operations atomic writes use (tests replace some to simulate a full disk). */
export type WriteFs = Pick<
  typeof nodeFs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync' | 'statSync' | 'fchmodSync'
>;

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function describe(error: unknown): string {
  const code = codeOf(error);
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOENT') return 'its directory does not exist';
  if (code === 'ENOTDIR') return 'a parent of it is not a directory';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? (error as Error | undefined)?.message ?? String(error);
}

/**
 * Writes `data` to `target` so that readers see the old file or the whole new one, never a
 * truncated one: write a temporary file next to it, fsync, rename over the target. On failure the
 * temporary file is removed, the target is left as it was, and a WriteError says why.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array, fs: WriteFs = nodeFs): void {
  const path = resolve(target);
  const temp = tempPathFor(path);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o666);
    const mode = existingMode(path, fs);
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    for (let written = 0; written < bytes.length;) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing: the write error is the one to report
      }
    }
    fs.rmSync(temp, { force: true });
    throw new WriteError(`cannot write ${target}: ${describe(error)}`, target, codeOf(error));
  }
  syncDirectory(dirname(path));
}

function existingMode(path: string, fs: WriteFs): number | undefined {
  try {
    const stats = fs.statSync(path);
    return stats.isFile() ? stats.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Makes the rename durable where the platform allows it (not on Windows). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = nodeFs.openSync(dir, 'r');
    nodeFs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) nodeFs.closeSync(fd);
  }
}

function sameFile(a: nodeFs.Stats, b: nodeFs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Checks an `--output` path before any linting: it must not be one of the input files (the report
 * would replace the manifest; links and hard links count) nor a directory, and its directory must
 * take a new file (probed by creating and removing one, which also catches read-only mounts).
 * Returns the problem, or undefined when the path is fine. `inputs` are the paths named on the
 * command line, relative to `cwd` (`-` is skipped).
 */
export function checkOutputPath(output: string, inputs: readonly string[], cwd: string): string | undefined {
  const path = resolve(cwd, output);
  let target: nodeFs.Stats | undefined;
  try {
    target = nodeFs.statSync(path);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') return `cannot write the report to ${output}: ${describe(error)}`;
  }
  if (target?.isDirectory()) return `cannot write the report to ${output}: it is a directory`;
  if (target) {
    if (!target.isFile()) return `cannot write the report to ${output}: not a regular file`;
    for (const input of inputs) {
      if (input === '-') continue;
      try {
        if (sameFile(nodeFs.statSync(resolve(cwd, input)), target))
          return `the report would overwrite ${output}, which is one of the inputs; choose another --output`;
      } catch {
        // a missing input is reported by the run
      }
    }
  }
  const probe = tempPathFor(path);
  try {
    nodeFs.closeSync(nodeFs.openSync(probe, 'wx'));
    nodeFs.rmSync(probe, { force: true });
  } catch (error) {
    return `cannot write the report to ${output}: ${describe(error)}`;
  }
  return undefined;
}
