import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, discover } from '../../src/discover/discover.js';
import { readFileBounded, readStdinWhole } from '../../src/discover/read.js';
import { take } from '../helpers/defined.js';

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'k8slint-discover-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';

describe('classify', () => {
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['deploy.yaml', 'kubernetes'],
    ['deploy.yml', 'kubernetes'],
    ['list.json', 'kubernetes'],
    ['README.md', undefined],
    ['dockerfile-notes.txt', undefined],
    ['Dockerfile.gpu', 'dockerfile'],
    ['dockerfile.ts', undefined],
    ['Dockerfile.md', undefined],
    ['containerfile.go', undefined],
  ])('%s -> %s', (name, kind) => expect(classify(name)).toBe(kind));
});

describe('discover', () => {
  it('walks directories, keeps Kubernetes YAML and Dockerfiles, skips other YAML silently', () => {
    const root = tree({
      Dockerfile: 'FROM alpine:3.20\n',
      'k8s/pod.yaml': POD,
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'chart/values.yaml': 'replicaCount: 1\n',
      'kustomization.yaml': 'resources: [k8s/pod.yaml]\n',
      'package.json': '{"name": "x"}',
    });
    const { files, errors } = discover(['.'], { cwd: root, ignorePaths: [] });
    expect(errors).toEqual([]);
    expect(files.map((f) => [f.displayPath, f.kind])).toEqual([
      ['Dockerfile', 'dockerfile'],
      ['k8s/pod.yaml', 'kubernetes'],
    ]);
  });

  it('honours .gitignore, .k8slintignore and configured ignore paths', () => {
    const root = tree({
      '.gitignore': 'build/\n',
      'sub/.k8slintignore': 'skip.yaml\n',
      'build/pod.yaml': POD,
      'sub/skip.yaml': POD,
      'sub/keep.yaml': POD,
      'vendor/pod.yaml': POD,
    });
    const { files } = discover([], { cwd: root, ignorePaths: ['vendor/'] });
    expect(files.map((f) => f.displayPath)).toEqual(['sub/keep.yaml']);
  });

  it('skips Helm chart templates in walks and when named explicitly (pre-commit), with one notice per chart', () => {
    const templated = POD.replace('name: p', 'name: {{ .Release.Name }}');
    expect(templated).not.toBe(POD);
    const root = tree({
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\n',
      'chart/templates/pod.yaml': templated,
      'chart/templates/svc.yaml': templated,
      'chart/templates/plain.yaml': POD,
    });
    mkdirSync(join(root, 'chart/charts/db/templates'), { recursive: true });
    writeFileSync(join(root, 'chart/charts/db/Chart.yaml'), 'apiVersion: v2\nname: db\n');
    writeFileSync(join(root, 'chart/charts/db/templates/pod.yaml'), POD);
    const walked = discover(['.'], { cwd: root, ignorePaths: [] });
    expect([walked.files, walked.skippedExplicit]).toEqual([[], 0]);
    expect(walked.notices).toEqual([expect.stringContaining('skipped the templates/ of Helm chart chart ')]);
    const named = discover(['chart/templates/pod.yaml', 'chart/templates/svc.yaml'], { cwd: root, ignorePaths: [] });
    expect([named.files, named.errors, named.skippedExplicit]).toEqual([[], [], 2]);
    expect(named.notices).toEqual([expect.stringContaining('skipped 2 Helm templates of chart chart ')]);
    expect(named.notices[0]).toContain('helm template chart | k8slint -');
    // A template without template actions is the YAML helm renders from it: linted as it is.
    const plain = discover(['chart/templates/plain.yaml'], { cwd: root, ignorePaths: [] });
    expect(plain.files.map((f) => f.displayPath)).toEqual(['chart/templates/plain.yaml']);
  });

  it('reports missing paths, non-UTF-8 files and unknown file types as input errors and goes on', () => {
    const root = tree({ 'bad.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), 'ok.yaml': POD, 'notes.txt': 'x' });
    const { files, errors } = discover(['missing.yaml', 'bad.yaml', 'notes.txt', 'ok.yaml'], { cwd: root, ignorePaths: [] });
    expect(files.map((f) => f.displayPath)).toEqual(['ok.yaml']);
    expect(errors.map((e) => [e.file, e.message])).toEqual([
      ['missing.yaml', 'no such file or directory'],
      ['bad.yaml', 'not valid UTF-8'],
      ['notes.txt', expect.stringContaining('not a Dockerfile or a YAML/JSON manifest (by its name); name its type with --type')],
    ]);
  });

  it('reads stdin as a manifest, or as a Dockerfile when --stdin-filename says so; strips a BOM', () => {
    const [manifest] = take(discover(['-'], { cwd: '/', ignorePaths: [], stdin: { text: '\ufeff' + POD } }).files, 1);
    expect([manifest.displayPath, manifest.kind, manifest.text.startsWith('apiVersion')]).toEqual(['<stdin>', 'kubernetes', true]);
    const [dockerfile] = take(discover(['-'], { cwd: '/', ignorePaths: [], stdin: { text: 'FROM x', filename: 'Dockerfile' } }).files, 1);
    expect([dockerfile.displayPath, dockerfile.kind]).toEqual(['Dockerfile', 'dockerfile']);
  });
});

describe('discover: files that are not files', () => {
  const fifo = (path: string): void => {
    execFileSync('mkfifo', [path]);
  };

  it('refuses a FIFO named like a manifest instead of blocking, and lints the other files', () => {
    const root = tree({ 'ok.yaml': POD });
    fifo(join(root, 'pipe.yaml'));
    mkdirSync(join(root, 'chart/charts/db/templates'), { recursive: true });
    writeFileSync(join(root, 'chart/charts/db/Chart.yaml'), 'apiVersion: v2\nname: db\n');
    writeFileSync(join(root, 'chart/charts/db/templates/pod.yaml'), POD);
    const walked = discover(['.'], { cwd: root, ignorePaths: [] });
    expect(walked.files.map((f) => f.displayPath)).toEqual(['ok.yaml']);
    const named = discover(['pipe.yaml', 'ok.yaml'], { cwd: root, ignorePaths: [] });
    expect(named.files.map((f) => f.displayPath)).toEqual(['ok.yaml']);
    expect(named.errors).toEqual([{ file: 'pipe.yaml', message: expect.stringContaining('a FIFO, not a regular file') }]);
  });

  it('refuses a link to /dev/zero (a device) rather than reading it without end', () => {
    const root = tree({ 'ok.yaml': POD });
    symlinkSync('/dev/zero', join(root, 'zero.yaml'));
    const { files, errors } = discover(['zero.yaml', 'ok.yaml'], { cwd: root, ignorePaths: [] });
    expect(files.map((f) => f.displayPath)).toEqual(['ok.yaml']);
    expect(errors).toEqual([{ file: 'zero.yaml', message: expect.stringContaining('a character device') }]);
  });

  it('a directory named .gitignore or .k8slintignore is walked, not read as an ignore file', () => {
    const root = tree({ '.gitignore/pod.yaml': POD, 'sub/.k8slintignore/x.txt': 'x', 'sub/pod.yaml': POD });
    const { files, errors } = discover(['.'], { cwd: root, ignorePaths: [] });
    expect(errors).toEqual([]);
    expect(files.map((f) => f.displayPath)).toEqual(['.gitignore/pod.yaml', 'sub/pod.yaml']);
  });

  it('a FIFO named .k8slintignore is an input error, not a hang; the walk goes on', () => {
    const root = tree({ 'sub/pod.yaml': POD });
    fifo(join(root, 'sub/.k8slintignore'));
    fifo(join(root, '.gitignore'));
    const { files, errors } = discover(['sub'], { cwd: root, ignorePaths: [] });
    expect(files.map((f) => f.displayPath)).toEqual(['sub/pod.yaml']);
    expect(errors.map((e) => e.file).sort()).toEqual(['.gitignore', 'sub/.k8slintignore']);
  });

  it('applies the byte budget while reading, naming the config key that raises it', () => {
    const root = tree({ 'big.yaml': POD + '#'.repeat(200), 'ok.yaml': POD });
    const { files, errors } = discover(['big.yaml', 'ok.yaml'], { cwd: root, ignorePaths: [], maxFileBytes: 100 });
    expect(files.map((f) => f.displayPath)).toEqual(['ok.yaml']);
    expect(errors[0]?.message).toMatch(/over the 100-byte budget .*limits\.maxFileBytes/);
  });

  it('an error reading stdin is an input error for <stdin>', () => {
    const { files, errors } = discover(['-'], { cwd: '/', ignorePaths: [], stdin: { text: '', error: 'input is over 5 bytes' } });
    expect(files).toEqual([]);
    expect(errors).toEqual([{ file: '<stdin>', message: 'input is over 5 bytes' }]);
  });
});

describe('readFileBounded / readStdinWhole', () => {
  it('reads with a cap: a file that grows past the budget is refused', () => {
    const root = tree({ 'a.yaml': 'x'.repeat(10) });
    expect(readFileBounded(join(root, 'a.yaml'), 10)).toEqual({ text: 'x'.repeat(10) });
    expect(readFileBounded(join(root, 'a.yaml'), 9)).toMatchObject({ reason: 'budget' });
  });

  it('reads a whole stdin file descriptor, refuses one over the budget and takes a closed one as empty', () => {
    const root = tree({ 'in.yaml': POD });
    const fd = openSync(join(root, 'in.yaml'), 'r');
    try {
      expect(readStdinWhole(1000, fd)).toEqual({ text: POD });
    } finally {
      closeSync(fd);
    }
    const small = openSync(join(root, 'in.yaml'), 'r');
    try {
      expect(readStdinWhole(5, small)).toMatchObject({ reason: 'budget', message: expect.stringContaining('limits.maxFileBytes') });
    } finally {
      closeSync(small);
    }
    expect(readStdinWhole(1000, 987654)).toEqual({ text: '' });
  });
});
