import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/discover/discover.js';
import { requireProgram } from '../helpers/programs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Without pre-commit (apt-get install -y pre-commit, or pipx install pre-commit) the hook tests skip.
const preCommit = requireProgram('pre-commit');

function run(command: string, args: string[], options: Omit<SpawnSyncOptions, 'encoding'>) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 400_000, ...options });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/**
 * The hook for real: pre-commit installs it the way it installs any node hook (npm install in a
 * clone of this repository, npm pack, npm install -g of the tarball) and runs it on the files of a
 * temporary repository. The hook repository is a clone of HEAD, as a user would get it.
 */
describe('pre-commit hook', preCommit.options, () => {
  let dir: string;
  let hookRepo: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8slint-pre-commit-'));
    hookRepo = join(dir, 'k8slint');
    project = join(dir, 'project');
    env = {
      ...process.env,
      PRE_COMMIT_HOME: join(dir, 'cache'),
      NO_COLOR: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    };
    expect(run('git', ['clone', '--quiet', ROOT, hookRepo], { env }).status).toBe(0);
    mkdirSync(project);
    expect(run('git', ['init', '--quiet'], { cwd: project, env }).status).toBe(0);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const tryRepo = () => run('pre-commit', ['try-repo', hookRepo, 'k8slint', '--all-files', '--color', 'never'], { cwd: project, env });

  it('fails on a bad Dockerfile', () => {
    writeFileSync(join(project, 'Dockerfile'), 'FROM ubuntu:latest\nMAINTAINER someone@example.com\n');
    expect(run('git', ['add', '-A'], { cwd: project, env }).status).toBe(0);
    const result = tryRepo();
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/k8slint\.+Failed/);
    expect(result.output).toContain('unpinned-image');
    expect(result.output).toContain('maintainer-deprecated');
  }, 600_000);

  it('passes on a good Dockerfile, a good manifest and YAML that is no manifest', () => {
    writeFileSync(join(project, 'Dockerfile'), 'FROM ubuntu:24.04\nUSER 1000\n');
    writeFileSync(
      join(project, 'deploy.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  selector:',
        '    matchLabels: { app: web }',
        '  template:',
        '    metadata:',
        '      labels: { app: web }',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: nginx:1.27.3',
        '          resources:',
        '            requests: { cpu: 100m, memory: 64Mi }',
        '            limits: { memory: 64Mi }',
        '          securityContext:',
        '            runAsNonRoot: true',
        '            allowPrivilegeEscalation: false',
        '            capabilities: { drop: [ALL] }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(project, 'values.yaml'), 'replicaCount: 2\n');
    writeFileSync(join(project, 'package.json'), '{ "name": "app" }\n');
    expect(run('git', ['add', '-A'], { cwd: project, env }).status).toBe(0);
    const result = tryRepo();
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/k8slint\.+Passed/);
  }, 600_000);
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks.find((h) => h.id === 'k8slint')!;

  it('declares a node hook running k8slint on the files it is given', () => {
    expect(hook).toMatchObject({ id: 'k8slint', entry: 'k8slint', language: 'node' });
    expect(hook.pass_filenames).not.toBe(false);
  });

  it('matches exactly the file names k8slint classifies', () => {
    // pre-commit uses Python's re; the only non-JavaScript part is the leading (?i).
    const pattern = String(hook.files);
    expect(pattern.startsWith('(?i)')).toBe(true);
    const files = new RegExp(pattern.slice(4), 'i');
    const names = [
      'Dockerfile',
      'dockerfile',
      'sub/dir/Dockerfile',
      'Containerfile',
      'Dockerfile.dev',
      'build/Containerfile.gpu',
      'app.Dockerfile',
      'x.containerfile',
      'deploy/web.yaml',
      'k.yml',
      'list.json',
      'K.YAML',
      '.github/workflows/ci.yml',
      'README.md',
      'Dockerfile-dev',
      'Makefile',
      'dockerfiles/run.sh',
      'values.yaml.tpl',
      'notes.txt',
      'Dockerfile/x',
    ];
    for (const name of names) expect(files.test(name), name).toBe(classify(name) !== undefined);
  });
});
