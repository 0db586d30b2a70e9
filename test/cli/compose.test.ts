import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { k8slint } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'k8slint-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const STACK = [
  'version: "3.8"',
  'services:',
  '  web:',
  '    image: ghcr.io/acme/web:1.4',
  '    depends_on:',
  '      - postgres',
  '  db:',
  '    image: postgres:16',
  '    imagee: x',
  '',
].join('\n');

function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string; line: number; column: number; object?: string; file: string }> };
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}${f.object ? ` ${f.object}` : ''}`);
}

describe('Compose files', () => {
  it('are found by a directory walk under their names and linted with the Compose rules', () => {
    write('walk/compose.yaml', STACK);
    write(
      'walk/deploy/docker-compose.gpu.yml',
      'services:\n  gpu:\n    image: ollama/ollama:0.5.7\n    container_name: gpu-box\n    deploy:\n      replicas: 2\n',
    );
    write('walk/values.yaml', 'services:\n  web:\n    image: x\n');
    const run = k8slint(['--format', 'json', 'walk'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(findings(run.stdout)).toEqual([
      'walk/compose.yaml:1:1 compose-version-obsolete',
      'walk/compose.yaml:6:9 compose-depends-on-missing service/web',
      'walk/compose.yaml:9:5 schema-unknown-field service/db',
      'walk/deploy/docker-compose.gpu.yml:4:5 compose-container-name-with-replicas service/gpu',
    ]);
  });

  it('are recognised by content when named explicitly or on stdin with --stdin-filename', () => {
    const file = write('content/stack.yml', STACK);
    const named = k8slint(['--format', 'json', file], { cwd: dir });
    expect(findings(named.stdout)).toContain('content/stack.yml:1:1 compose-version-obsolete');
    const piped = k8slint(['--format', 'json', '--stdin-filename', 'stack.yml', '-'], { cwd: dir, stdin: STACK });
    expect(findings(piped.stdout)).toContain('stack.yml:6:9 compose-depends-on-missing service/web');
  });

  it('honour k8slint-disable comments and config ignores by service', () => {
    write(
      'suppress/compose.yaml',
      STACK.replace(
        '      - postgres',
        '      # k8slint-disable-next-line compose-depends-on-missing -- renamed in the next release\n      - postgres',
      ),
    );
    write(
      'suppress/.k8slint.yaml',
      'ignores:\n  - rule: schema-unknown-field\n    kind: service\n    name: db\n    reason: vendored file\n',
    );
    const run = k8slint(['--format', 'json', 'compose.yaml'], { cwd: join(dir, 'suppress') });
    expect(findings(run.stdout)).toEqual(['compose.yaml:1:1 compose-version-obsolete']);
  });

  it('report a YAML syntax error with file and line, exit 2, and lint the other files', () => {
    write('broken/compose.yaml', 'services:\n  web:\n    image: [unclosed\n');
    write('broken/docker-compose.override.yml', 'version: "3"\nservices:\n  web:\n    restart: always\n');
    const run = k8slint(['--format', 'json', 'broken'], { cwd: dir });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { errors: Array<{ file: string; line?: number }> };
    expect(report.errors).toMatchObject([{ file: 'broken/compose.yaml', line: 4 }]);
    expect(findings(run.stdout)).toEqual(['broken/docker-compose.override.yml:1:1 compose-version-obsolete']);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('show the service as the object in every format', () => {
    write(
      'formats/compose.yaml',
      'services:\n  a:\n    image: x:1\n    container_name: same\n  b:\n    image: y:1\n    container_name: same\n',
    );
    const sarif = JSON.parse(k8slint(['--format', 'sarif', 'formats'], { cwd: dir }).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }>;
    };
    expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['compose-duplicate-container-name', 7],
    ]);
    const stylish = k8slint(['formats'], { cwd: dir }).stdout;
    expect(stylish).toContain('service/b');
  });
});
