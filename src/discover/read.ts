import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { stripBom } from '../parsers/positions.js';
import { DEFAULT_LIMITS, overBudget } from '../util/limits.js';

/** Why an input could not be read; `directory` and `special` let callers skip quietly where that is right. */
export type ReadFailure = 'directory' | 'special' | 'budget' | 'encoding' | 'io';

export type ReadResult = { text: string } | { message: string; reason: ReadFailure };

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads the rest of `fd` into at most `limitBytes + 1` bytes (one more tells "over budget" from "exactly at it").
 * `sizeHint` (a regular file's size from fstat) sizes the first buffer, filled in place, so a file is
 * read without copying; chunks follow only when the file grew or there is no hint (pipes).
 */
function readCapped(fd: number, limitBytes: number, onWouldBlock: (attempt: number) => void, sizeHint?: number): Buffer | 'over' {
  const chunks: Buffer[] = [];
  let total = 0;
  let idle = 0;
  let first: Buffer | undefined = sizeHint === undefined ? undefined : Buffer.allocUnsafe(Math.min(sizeHint + 1, limitBytes + 1));
  let firstFilled = 0;
  for (;;) {
    const buffer = first ?? Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limitBytes + 1 - total));
    const offset = first ? firstFilled : 0;
    let read: number;
    try {
      read = readSync(fd, buffer, offset, buffer.length - offset, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
        onWouldBlock(idle++);
        continue;
      }
      if (code === 'EOF') break; // Windows: end of a pipe
      throw error;
    }
    if (read === 0) break;
    idle = 0;
    total += read;
    if (first) {
      firstFilled += read;
      if (firstFilled === first.length) {
        chunks.push(first);
        first = undefined;
      }
    } else chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
    if (total > limitBytes) return 'over';
  }
  if (first) chunks.push(first.subarray(0, firstFilled));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Stateless between whole-buffer calls, so one serves every file. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decode(buffer: Buffer): ReadResult {
  try {
    return { text: stripBom(UTF8.decode(buffer)) };
  } catch {
    return { message: 'not valid UTF-8', reason: 'encoding' };
  }
}

function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function ioFailure(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return { message: 'is a directory', reason: 'directory' };
  if (code === 'ENXIO')
    return { message: 'not a regular file (a socket or a device); pipe it to `k8slint -` to lint its content', reason: 'special' };
  return { message: `cannot read file: ${code ?? (error as Error).message}`, reason: 'io' };
}

/**
 * Reads a discovered file as UTF-8 text, never more than `limitBytes`: refuses directories, FIFOs,
 * sockets and devices (a FIFO named like a manifest would block forever, `/dev/zero` never ends),
 * and reads with a cap rather than trusting the size `stat` reports.
 */
export function readFileBounded(path: string, limitBytes: number = DEFAULT_LIMITS.maxFileBytes): ReadResult {
  let fd: number | undefined;
  try {
    const before = statSync(path);
    if (before.isDirectory()) return { message: 'is a directory', reason: 'directory' };
    if (!before.isFile())
      return { message: `${specialKind(before)}, not a regular file; pipe it to \`k8slint -\` to lint its content`, reason: 'special' };
    if (before.size > limitBytes)
      return { message: `file is ${before.size} bytes, ${overBudget('maxFileBytes', limitBytes, 'byte')}`, reason: 'budget' };
    // O_NONBLOCK: if the path was swapped for a FIFO after the stat, open returns instead of waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile())
      return { message: `${specialKind(stats)}, not a regular file`, reason: stats.isDirectory() ? 'directory' : 'special' };
    const content = readCapped(
      fd,
      limitBytes,
      () => {
        throw Object.assign(new Error('EAGAIN on a regular file'), { code: 'EAGAIN_FILE' });
      },
      stats.size,
    );
    if (content === 'over') return { message: `file is ${overBudget('maxFileBytes', limitBytes, 'byte')}`, reason: 'budget' };
    return decode(content);
  } catch (error) {
    return ioFailure(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (stdin has no synchronous "wait until readable"). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Reads standard input to its end, whatever it is (pipe, file, TTY, closed), with the same byte
 * budget as files. A non-blocking pipe from a slow producer (`helm template … | k8slint -`) answers
 * EAGAIN until data arrives: wait and retry instead of taking it for the end.
 */
export function readStdinWhole(limitBytes: number = DEFAULT_LIMITS.maxFileBytes, fd = 0): ReadResult {
  try {
    // Back off from 1 ms to 50 ms while the producer is quiet; data resets it.
    const content = readCapped(fd, limitBytes, (attempt) => sleepSync(Math.min(2 ** attempt, 50)));
    if (content === 'over') return { message: `standard input is ${overBudget('maxFileBytes', limitBytes, 'byte')}`, reason: 'budget' };
    return decode(content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No stdin at all (closed descriptor): nothing to lint, as with an empty pipe.
    if (code === 'EBADF' || code === 'EINVAL') return { text: '' };
    if (code === 'EISDIR') return { message: 'standard input is a directory', reason: 'directory' };
    return { message: `cannot read standard input: ${code ?? (error as Error).message}`, reason: 'io' };
  }
}

/**
 * For callers whose contract is "stdin as a string" (src/cli/run.ts readStdinSync until the lead threads
 * `readStdinWhole`'s result into discovery): the text, or an error naming `<stdin>` and the budget.
 */
export function readStdinText(limitBytes: number = DEFAULT_LIMITS.maxFileBytes): string {
  const result = readStdinWhole(limitBytes);
  if ('message' in result) throw new Error(`<stdin>: ${result.message}`);
  return result.text;
}
