import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileBounded } from '../../src/discover/read.js';

const dir = mkdtempSync(join(tmpdir(), 'k8slint-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readFileBounded (one buffer of the file size, filled in place)', () => {
  it('reads empty, small, multi-chunk and multi-byte files whole', () => {
    expect(readFileBounded(file('empty', ''))).toEqual({ text: '' });
    expect(readFileBounded(file('small', 'kind: Pod\n'))).toEqual({ text: 'kind: Pod\n' });
    const big = 'a: é€😀\n'.repeat(40_000); // over 64 KiB, multi-byte characters across buffer edges
    expect(readFileBounded(file('big', big))).toEqual({ text: big });
    expect(readFileBounded(file('bom', '\uFEFFkind: Pod\n'))).toEqual({ text: 'kind: Pod\n' });
  });

  it('keeps the byte budget exact: at the limit is read, one byte over is refused', () => {
    expect(readFileBounded(file('at', 'x'.repeat(100)), 100)).toEqual({ text: 'x'.repeat(100) });
    expect(readFileBounded(file('over', 'x'.repeat(101)), 100)).toMatchObject({ reason: 'budget' });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(readFileBounded(file('latin1', Buffer.from([0x6b, 0x3a, 0x20, 0xe9, 0x0a])))).toEqual({
      message: 'not valid UTF-8',
      reason: 'encoding',
    });
  });
});
