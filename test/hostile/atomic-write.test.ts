import * as fs from 'node:fs';
import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPath, writeFileAtomic, WriteError, type WriteFs } from '../../src/util/atomic-write.js';
import { scratch } from './run-cli.js';

const enospc = (): never => {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
};

describe('writeFileAtomic', () => {
  it('replaces the target whole and leaves no temporary file', () => {
    const dir = scratch();
    const target = join(dir, 'report.sarif');
    writeFileSync(target, 'old');
    fs.chmodSync(target, 0o640);
    writeFileAtomic(target, 'new report');
    expect(readFileSync(target, 'utf8')).toBe('new report');
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('a full disk in the middle of the write leaves the old file intact, cleans up, and says why', () => {
    const dir = scratch();
    const target = join(dir, 'report.sarif');
    writeFileSync(target, '{"old": "complete"}');
    let calls = 0;
    // The first write goes through (a partial report on disk), the second finds the disk full.
    const full: WriteFs = {
      ...fs,
      writeSync: ((fd: number, buffer: Uint8Array, offset: number) =>
        calls++ === 0 ? fs.writeSync(fd, buffer, offset, 10) : enospc()) as WriteFs['writeSync'],
    };
    const attempt = () => writeFileAtomic(target, 'x'.repeat(100_000), full);
    expect(attempt).toThrow(WriteError);
    expect(attempt).toThrow(/cannot write .*report\.sarif: no space left on the device/);
    expect(readFileSync(target, 'utf8')).toBe('{"old": "complete"}');
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('a failing fsync or rename (target is a directory) also leaves nothing behind', () => {
    const dir = scratch();
    const failingSync: WriteFs = { ...fs, fsyncSync: enospc };
    expect(() => writeFileAtomic(join(dir, 'a.json'), 'x', failingSync)).toThrow(/no space left/);
    mkdirSync(join(dir, 'out.json'));
    writeFileSync(join(dir, 'out.json', 'keep'), 'k');
    expect(() => writeFileAtomic(join(dir, 'out.json'), 'x')).toThrow(WriteError);
    expect(readdirSync(dir).sort()).toEqual(['out.json']);
  });

  it('a missing directory is a WriteError naming the path', () => {
    expect(() => writeFileAtomic(join(scratch(), 'no/such/dir/r.json'), 'x')).toThrow(/r\.json: its directory does not exist/);
  });
});

describe('checkOutputPath (before linting)', () => {
  it('accepts a new file in a writable directory and an existing report', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'old.sarif'), 'x');
    expect(checkOutputPath('new.sarif', ['.'], dir)).toBeUndefined();
    expect(checkOutputPath('old.sarif', ['deploy.yaml'], dir)).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['old.sarif']);
  });

  it('refuses an output that is one of the inputs, also through a symlink or a hard link', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'deploy.yaml'), 'kind: Pod\n');
    symlinkSync(join(dir, 'deploy.yaml'), join(dir, 'link.yaml'));
    linkSync(join(dir, 'deploy.yaml'), join(dir, 'hard.yaml'));
    for (const output of ['deploy.yaml', './deploy.yaml', 'link.yaml', 'hard.yaml']) {
      expect(checkOutputPath(output, ['other.yaml', 'deploy.yaml'], dir)).toMatch(/one of the inputs/);
    }
  });

  it('refuses a directory, a missing directory and a place no file can be created', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'sub'));
    expect(checkOutputPath('sub', [], dir)).toMatch(/is a directory/);
    expect(checkOutputPath('missing/r.json', [], dir)).toMatch(/directory does not exist/);
    expect(checkOutputPath('/proc/k8slint-report.json', [], dir)).toMatch(/cannot write the report/);
  });
});
