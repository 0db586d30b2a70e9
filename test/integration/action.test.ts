import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runAction } from '../../src/action/run.js';
import { sarifMultitool, validateSarif } from '../helpers/sarif-validator.js';
import { defined } from '../helpers/defined.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const BUNDLE = join(ROOT, 'action/index.js');

let ws: string;
beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'k8slint-action-'));
  cpSync(join(ROOT, 'examples'), join(ws, 'examples'), { recursive: true });
  writeFileSync(join(ws, 'out.txt'), '');
  writeFileSync(join(ws, 'summary.md'), '');
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

/** The environment the runner gives a step: inputs upper-cased with dashes kept. */
function runnerEnv(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: join(ws, 'out.txt'),
    GITHUB_STEP_SUMMARY: join(ws, 'summary.md'),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  };
  // Defaults of action.yml, as the runner fills them in.
  const all = {
    paths: '.',
    config: '',
    preset: '',
    'kubernetes-version': '',
    'fail-on': '',
    'sarif-file': 'k8slint.sarif',
    annotations: 'true',
    ...inputs,
  };
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

function outputs(): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(ws, 'out.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
}

function inProcess(inputs: Record<string, string>): { code: number; stdout: string } {
  let stdout = '';
  const code = runAction({ env: runnerEnv(inputs), stdout: (t) => (stdout += t), version: '0.1.0' });
  return { code, stdout };
}

describe('GitHub Action entry', () => {
  it('writes SARIF, annotations, summary and outputs from one run, and fails per fail-on', () => {
    const { code, stdout } = inProcess({ paths: 'examples', 'sarif-file': 'reports/k8slint.sarif' });
    expect(code).toBe(1);
    const out = outputs();
    expect(out['sarif-file']).toBe('reports/k8slint.sarif');
    expect(out['exit-code']).toBe('1');
    const findings = Number(out.findings);
    expect(findings).toBeGreaterThan(3);
    expect(Number(out.errors)).toBeGreaterThanOrEqual(2);
    // Annotations: one workflow command per finding, plus the closing verdict.
    const annotations = stdout.split('\n').filter((l) => /^::(error|warning|notice) file=/.test(l));
    expect(annotations).toHaveLength(findings);
    expect(stdout).toContain('::error file=examples/deployment.yaml,line=23,col=13');
    expect(stdout).toMatch(/::error title=k8slint::\d+ findings .*fail-on "warning"/);
    // SARIF: the same findings.
    const sarif = JSON.parse(readFileSync(join(ws, 'reports/k8slint.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(findings);
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${ws}/`);
    expect(
      sarif.runs[0].results.map(
        (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
          defined(r.locations[0]).physicalLocation.artifactLocation.uri,
      ),
    ).toContain('examples/deployment.yaml');
    // Summary: counts by severity, top rules, findings linked to the code and the rule docs.
    const summary = readFileSync(join(ws, 'summary.md'), 'utf8');
    expect(summary).toContain('## k8slint: ❌ failed');
    expect(summary).toMatch(/\| 🔴 error \| \d+ \|/);
    expect(summary).toContain('### Top rules');
    expect(summary).toContain(
      `[\`privileged-container\`](https://github.com/k8slint/k8slint/blob/v${version}/docs/rules/privileged-container.md)`,
    );
    expect(summary).toContain('](https://github.com/octo/app/blob/0123456789abcdef0123456789abcdef01234567/examples/deployment.yaml#L23)');
  });

  it('passes with fail-on none, and annotations false prints no annotation', () => {
    const { code, stdout } = inProcess({ paths: 'examples/Dockerfile', 'fail-on': 'none', annotations: 'false' });
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^::(warning|error|notice) file=/m);
    expect(stdout).toMatch(/^k8slint: \d+ findings .*nothing at or above fail-on "none"/m);
    expect(outputs()['exit-code']).toBe('0');
    expect(existsSync(join(ws, 'k8slint.sarif'))).toBe(true);
    expect(readFileSync(join(ws, 'summary.md'), 'utf8')).toContain('## k8slint: ✅ passed (nothing at or above `none`)');
  });

  it('takes kubernetes-version and config, and passes a clean tree', () => {
    writeFileSync(join(ws, 'strict.yaml'), 'failOn: error\nrules:\n  unpinned-image: off\n');
    writeFileSync(join(ws, 'Dockerfile'), 'FROM alpine:3.20\nUSER 1000\n');
    const { code } = inProcess({ paths: 'Dockerfile', config: 'strict.yaml', 'kubernetes-version': '1.33' });
    expect(code).toBe(0);
    expect(outputs().findings).toBe('0');
    expect(readFileSync(join(ws, 'summary.md'), 'utf8')).toContain('## k8slint: ✅ passed');
  });

  it('the preset input selects the base rule set (pss-restricted: its controls only, at error)', () => {
    const { code } = inProcess({ paths: 'examples', preset: 'pss-restricted' });
    expect(code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(ws, 'k8slint.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string }> }>;
    };
    const results = sarif.runs[0]?.results ?? [];
    expect([...new Set(results.map((r) => r.ruleId))].sort()).toEqual([
      'host-network',
      'privileged-container',
      'run-as-non-root',
      'seccomp-profile-missing',
    ]);
    expect(new Set(results.map((r) => r.level))).toEqual(new Set(['error']));
  });

  it('rejects an unknown preset and bad inputs with a clear error and exit 2', () => {
    let r = inProcess({ preset: 'strct' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error title=k8slint::unknown preset "strct" \(did you mean "strict"\?\)/m);
    r = inProcess({ 'fail-on': 'sometimes' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('input "fail-on" must be one of error, warning, info, none');
    r = inProcess({ annotations: 'yes please' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('input "annotations" must be true or false');
  });

  it('takes paths one per line (spaces allowed) or separated by spaces', () => {
    cpSync(join(ws, 'examples/Dockerfile'), join(ws, 'my app.Dockerfile'));
    expect(inProcess({ paths: 'my app.Dockerfile\nexamples/deployment.yaml\n', 'fail-on': 'none' }).code).toBe(0);
    const files = (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
      defined(r.locations[0]).physicalLocation.artifactLocation.uri;
    let uris = new Set(JSON.parse(readFileSync(join(ws, 'k8slint.sarif'), 'utf8')).runs[0].results.map(files));
    expect(uris).toEqual(new Set(['my%20app.Dockerfile', 'examples/deployment.yaml']));
    expect(inProcess({ paths: 'examples/Dockerfile examples/deployment.yaml', 'fail-on': 'none' }).code).toBe(0);
    uris = new Set(JSON.parse(readFileSync(join(ws, 'k8slint.sarif'), 'utf8')).runs[0].results.map(files));
    expect(uris).toEqual(new Set(['examples/Dockerfile', 'examples/deployment.yaml']));
  });

  it('reports input errors with exit 2 and in the summary', () => {
    writeFileSync(join(ws, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: [\n');
    const { code } = inProcess({ paths: 'broken.yaml' });
    expect(code).toBe(2);
    expect(outputs()['input-errors']).toBe('1');
    expect(readFileSync(join(ws, 'summary.md'), 'utf8')).toContain('### Input errors');
  });

  it.skipIf(!existsSync(BUNDLE))(
    'runs as the runner runs it: node action/index.js with INPUT_* variables',
    () => {
      const run = spawnSync(process.execPath, [BUNDLE], {
        cwd: ws,
        env: runnerEnv({ paths: 'examples', 'fail-on': 'error', 'kubernetes-version': '1.33' }),
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      const out = outputs();
      expect(Number(out.findings)).toBeGreaterThan(3);
      expect(out['sarif-file']).toBe('k8slint.sarif');
      expect(run.stdout).toMatch(/fail-on "error"/);
      const sarifPath = join(ws, 'k8slint.sarif');
      const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
      expect(sarif.runs[0].tool.driver.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
      expect(sarif.runs[0].results).toHaveLength(Number(out.findings));
      // Microsoft's SARIF validator with GitHub's ingestion rules: no error, no warning.
      if (sarifMultitool.available) {
        const validate = validateSarif(readFileSync(sarifPath, 'utf8'));
        expect(validate.status, validate.output).toBe(0);
      }
    },
    120_000,
  );

  it.skipIf(!existsSync(BUNDLE))(
    'the bundle validates manifests against the Kubernetes schemas of its checkout',
    () => {
      writeFileSync(
        join(ws, 'typo.yaml'),
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27.3\n      imagePullPolcy: Always\n',
      );
      const run = spawnSync(process.execPath, [BUNDLE], {
        cwd: ws,
        env: runnerEnv({ paths: 'typo.yaml', 'fail-on': 'error' }),
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^::error file=typo\.yaml,line=9,.*title=schema-unknown-field::unknown field "imagePullPolcy"/m);
      expect(run.status).toBe(1);
    },
    60_000,
  );

  it('action.yml declares the inputs the entry reads and runs the bundle on node24', () => {
    const yml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    for (const input of ['paths', 'config', 'preset', 'kubernetes-version', 'fail-on', 'sarif-file', 'annotations'])
      expect(yml).toMatch(new RegExp(`^ {2}${input}:`, 'm'));
    for (const output of ['findings', 'errors', 'sarif-file']) expect(yml).toMatch(new RegExp(`^ {2}${output}:\\n {4}description:`, 'm'));
    expect(yml).toMatch(/using: node24\n {2}main: action\/index\.js/);
  });

  it('the workflows lint this repository with the action and upload its SARIF, and CI runs .ci/run', () => {
    const lint = parseYaml(readFileSync(join(ROOT, '.github/workflows/k8slint.yml'), 'utf8'));
    const steps = defined(
      Object.values(lint.jobs as Record<string, { steps: Array<{ uses?: string; with?: Record<string, string>; id?: string }> }>)[0],
    ).steps;
    const action = steps.find((s) => s.uses === './')!;
    expect(action).toBeDefined();
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe(`\${{ steps.${action.id}.outputs.sarif-file }}`);
    const ci = readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8');
    expect(parseYaml(ci).jobs.test.steps.some((s: { run?: string }) => s.run === 'bash .ci/run')).toBe(true);
    expect(ci).toContain('npm run build:action');
  });
});
