import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The runner checks the action's repository out and runs action/index.js with no `npm install`: no
 * node_modules and no dist/ anywhere above it. Everything the bundle needs at run time must be in
 * the committed files.
 */
describe('the committed Action bundle in a checkout without node_modules', () => {
  const checkout = mkdtempSync(join(tmpdir(), 'k8slint-checkout-'));
  for (const part of ['action', 'schemas', 'package.json', 'action.yml'])
    cpSync(join(ROOT, part), join(checkout, part), { recursive: true });
  const workspace = join(checkout, 'workspace');
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  writeFileSync(join(workspace, 'compose.yaml'), 'services:\n  web:\n    image: nginx:latest\n');
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));

  function runAction(workspace: string): { stdout: string; stderr: string; outputs: string } {
    const output = join(checkout, 'output.txt');
    writeFileSync(output, '');
    const run = spawnSync(process.execPath, [join(checkout, 'action/index.js')], {
      cwd: workspace,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: output,
        INPUT_PATHS: '.',
        'INPUT_SARIF-FILE': 'k8slint.sarif',
        INPUT_ANNOTATIONS: 'true',
      },
    });
    return { stdout: run.stdout, stderr: run.stderr, outputs: readFileSync(output, 'utf8') };
  }

  it('lints Dockerfiles, manifests (schemas included) and Compose files', { timeout: 60_000 }, () => {
    const run = runAction(workspace);
    expect(run.stderr).not.toMatch(/MODULE_NOT_FOUND|Cannot find (module|package)/);
    const { outputs } = run;
    expect(outputs).toMatch(/^exit-code=1$/m);
    expect(outputs).toMatch(/^input-errors=0$/m);
    expect(run.stdout).toMatch(/file=Dockerfile/);
    expect(run.stdout).toMatch(/file=deployment\.yaml/);
    expect(run.stdout).toMatch(/file=compose\.yaml/);
  });

  it("runs a project's custom CEL rules with the bundled CEL library", { timeout: 60_000 }, () => {
    const teamRepo = join(checkout, 'team-repo');
    cpSync(join(ROOT, 'fixtures/policies/team-repo'), teamRepo, { recursive: true });
    const run = runAction(teamRepo);
    expect(run.stderr).not.toMatch(/MODULE_NOT_FOUND|Cannot find (module|package)|custom rules cannot be loaded/);
    expect(run.outputs).toMatch(/^exit-code=1$/m);
    expect(run.stdout).toMatch(/title=allowed-registries::/);
    expect(run.stdout).toMatch(/title=no-loadbalancer-outside-ingress::/);
  });
});
