import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.js';
import { builtK8slint } from '../helpers/cli.js';
import { DEPLOYMENT_WITH_TEAM, DEPLOYMENT_WITHOUT_TEAM, project, type Project } from './project.js';

const ACTION = join(ROOT, 'action/index.js');

// Two binaries, or the action bundle, each loading every rule: slow on a loaded 2-core machine.
describe('plugin rules through the built entry points', { timeout: 180_000 }, () => {
  let p: Project;
  beforeAll(() => {
    const files: Record<string, string> = {
      '.k8slint.yaml': 'plugins: [acme]\nrules:\n  acme/team-label: error\n',
      Dockerfile: 'FROM python\nUSER 1000\n',
    };
    // Enough files for worker threads to take some.
    for (let i = 0; i < 6; i++)
      files[`k8s/deploy-${i}.yaml`] = i % 2 ? DEPLOYMENT_WITH_TEAM : DEPLOYMENT_WITHOUT_TEAM.replace('name: api', `name: api-${i}`);
    p = project(files, ['k8slint-plugin-acme']);
  });
  afterAll(() => p.remove());

  it('the binary reports the same whatever --workers says', () => {
    const one = builtK8slint(['--format', 'json', '--workers', '1', '.'], { cwd: p.dir });
    const three = builtK8slint(['--format', 'json', '--workers', '3', '.'], { cwd: p.dir });
    expect(one.stderr).toBe('');
    expect(three.stdout).toBe(one.stdout);
    const findings = JSON.parse(one.stdout).findings as Array<{ ruleId: string; file: string }>;
    expect(findings.filter((f) => f.ruleId === 'acme/team-label').map((f) => f.file)).toEqual([
      'k8s/deploy-0.yaml',
      'k8s/deploy-2.yaml',
      'k8s/deploy-4.yaml',
    ]);
    expect(findings.filter((f) => f.ruleId === 'acme/no-latest-base')).toHaveLength(1);
  });

  it.skipIf(!existsSync(ACTION))('the GitHub Action reads the plugins of the config, with no input of its own', () => {
    for (const name of ['out.txt', 'summary.md']) writeFileSync(join(p.dir, name), '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: p.dir,
      GITHUB_OUTPUT: join(p.dir, 'out.txt'),
      GITHUB_STEP_SUMMARY: join(p.dir, 'summary.md'),
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      INPUT_PATHS: '.',
      INPUT_CONFIG: '',
      INPUT_PRESET: '',
      'INPUT_KUBERNETES-VERSION': '',
      'INPUT_FAIL-ON': '',
      'INPUT_SARIF-FILE': 'k8slint.sarif',
      INPUT_ANNOTATIONS: 'true',
    };
    const run = spawnSync(process.execPath, [ACTION], { cwd: p.dir, env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('::error file=k8s/deploy-0.yaml,line=5,col=3,endLine=5,endColumn=9,title=acme/team-label::');
    const sarif = JSON.parse(readFileSync(join(p.dir, 'k8slint.sarif'), 'utf8'));
    const ids = (sarif.runs[0].tool.driver.rules as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['acme/team-label', 'acme/no-latest-base']));
    const summary = readFileSync(join(p.dir, 'summary.md'), 'utf8');
    expect(summary).toContain('| [`acme/team-label`](https://example.com/acme/k8slint-rules/team-label) | error | 3 |');
    expect(summary).toContain('| `acme/no-latest-base` | error | 1 |');
  });
});
