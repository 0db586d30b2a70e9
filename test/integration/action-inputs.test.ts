import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRuleListInput } from '../../src/action/inputs.js';
import { readInputs, runAction, versionMatches } from '../../src/action/run.js';
import { k8slint } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VERSION = '0.1.0';
const ALL_OUTPUTS = [
  'findings',
  'errors',
  'warnings',
  'input-errors',
  'baselined',
  'sarif-file',
  'fixed',
  'output-file',
  'version',
  'exit-code',
];

let ws: string;
beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'k8slint-action-inputs-'));
  cpSync(join(ROOT, 'examples'), join(ws, 'examples'), { recursive: true });
  writeFileSync(join(ws, 'out.txt'), '');
  writeFileSync(join(ws, 'summary.md'), '');
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

/** The step's environment as the runner builds it, the defaults of action.yml filled in. */
function runnerEnv(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GITHUB_WORKSPACE: ws, GITHUB_OUTPUT: join(ws, 'out.txt'), GITHUB_STEP_SUMMARY: join(ws, 'summary.md') };
  const defaults = { paths: '.', 'sarif-file': 'k8slint.sarif', annotations: 'true' };
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

function action(inputs: Record<string, string>) {
  let stdout = '';
  const code = runAction({ env: runnerEnv(inputs), stdout: (t) => (stdout += t), version: VERSION });
  const outputs = Object.fromEntries(
    readFileSync(join(ws, 'out.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
  return { code, stdout, outputs };
}

const sarifRules = (file = 'k8slint.sarif') =>
  new Set(
    (JSON.parse(readFileSync(join(ws, file), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> }).runs[0]!.results.map(
      (r) => r.ruleId,
    ),
  );

describe('action inputs', () => {
  it('disable turns rules off and only runs just those rules (ids or aliases, commas or spaces)', () => {
    expect(action({ paths: 'examples', disable: 'privileged-container, unpinned-image\nhost-network' }).code).toBe(1);
    const left = sarifRules();
    expect(left.has('privileged-container') || left.has('unpinned-image') || left.has('host-network')).toBe(false);
    expect(left.has('missing-user')).toBe(true);
    const only = action({ paths: 'examples', only: 'host-network DL3006' });
    expect(only.code).toBe(1);
    expect(sarifRules()).toEqual(new Set(['host-network', 'unpinned-image']));
    expect(only.outputs.findings).toBe('3');
  });

  it('format and output-file write a second report; format alone prints it in the log', () => {
    const written = action({ paths: 'examples', format: 'json', 'output-file': 'reports/k8slint.json', 'fail-on': 'none' });
    expect(written.code).toBe(0);
    expect(written.outputs['output-file']).toBe('reports/k8slint.json');
    const json = JSON.parse(readFileSync(join(ws, 'reports/k8slint.json'), 'utf8')) as { findings: unknown[] };
    expect(json.findings).toHaveLength(Number(written.outputs.findings));
    const logged = action({ paths: 'examples/deployment.yaml', format: 'stylish', annotations: 'false' });
    expect(logged.stdout).toContain('examples/deployment.yaml\n  15:7   warning  Deployment "trainer" uses the host network  host-network');
    expect(logged.stdout).toMatch(/✖ \d+ problems/);
    expect(logged.outputs['output-file']).toBe('');
    // output-file alone: the stylish report.
    action({ paths: 'examples/Dockerfile', 'output-file': 'k8slint.txt' });
    expect(readFileSync(join(ws, 'k8slint.txt'), 'utf8')).toMatch(/^examples\/Dockerfile\n {2}1:6 {2}warning/);
  });

  it('version: the bundled version, a prefix of it or latest pass; another fails with every output written', () => {
    expect(action({ paths: 'examples/Dockerfile', version: 'v0.1', 'fail-on': 'none' }).code).toBe(0);
    rmSync(join(ws, 'k8slint.sarif'));
    writeFileSync(join(ws, 'out.txt'), '');
    const wrong = action({ paths: 'examples/Dockerfile', version: '0.2.0' });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe(
      '::error title=k8slint::input "version" asks for k8slint 0.2.0, but this action runs k8slint 0.1.0; use k8slint/k8slint@v0.2.0 instead\n',
    );
    expect(Object.keys(wrong.outputs)).toEqual(ALL_OUTPUTS);
    expect(wrong.outputs['exit-code']).toBe('2');
    expect(wrong.outputs['sarif-file']).toBe('');
    expect(wrong.outputs.version).toBe(VERSION);
    expect(existsSync(join(ws, 'k8slint.sarif'))).toBe(false);
    expect(readFileSync(join(ws, 'summary.md'), 'utf8')).toContain('## k8slint: ❌ failed (invalid input)');
  });

  it('every invalid input is reported at once, and the outputs are still written', () => {
    const r = action({ format: 'html', 'fail-on': 'sometimes', annotations: 'maybe', 'kubernetes-version': 'latest' });
    expect(r.code).toBe(2);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error title=k8slint::'));
    expect(errors).toHaveLength(4);
    expect(r.stdout).toContain('input "format" must be one of stylish, json, sarif, github, junit, checkstyle, gitlab, not "html"');
    expect(r.stdout).toContain('input "fail-on" must be one of');
    expect(r.stdout).toContain('input "annotations" must be true or false');
    expect(r.stdout).toContain('input "kubernetes-version" must look like 1.36');
    expect(r.outputs).toMatchObject({ findings: '0', 'input-errors': '0', 'exit-code': '2', 'sarif-file': '' });
  });

  it('an unknown rule id in disable is exit 2 with a suggestion, outputs written', () => {
    const r = action({ paths: 'examples', disable: 'privileged-contaner' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/::error title=k8slint::unknown rule "privileged-contaner" \(did you mean "privileged-container"\?\)/);
    expect(Object.keys(r.outputs)).toEqual(ALL_OUTPUTS);
  });

  it('baseline: only new findings fail the step; SARIF marks the rest unchanged; a missing file is exit 2', () => {
    expect(k8slint(['--update-baseline', '--baseline', 'k8slint-baseline.json', 'examples'], { cwd: ws }).code).toBe(0);
    const clean = action({ paths: 'examples', baseline: 'k8slint-baseline.json' });
    expect(clean.code).toBe(0);
    expect(clean.outputs).toMatchObject({ findings: '0', 'exit-code': '0', baselined: '15' });
    expect(clean.stdout).not.toMatch(/^::(warning|error|notice) file=/m);
    expect(clean.stdout).toContain('k8slint: 0 new findings (0 errors, 0 warnings, 0 info); 15 more in the baseline');
    const sarif = JSON.parse(readFileSync(join(ws, 'k8slint.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ baselineState: string }> }>;
    };
    expect(new Set(sarif.runs[0]!.results.map((r) => r.baselineState))).toEqual(new Set(['unchanged']));
    expect(readFileSync(join(ws, 'summary.md'), 'utf8')).toContain(
      '15 findings recorded in the baseline `k8slint-baseline.json` not shown',
    );
    // A new finding: one annotation, the step fails.
    writeFileSync(
      join(ws, 'examples/Dockerfile'),
      `${readFileSync(join(ws, 'examples/Dockerfile'), 'utf8')}ADD https://example.com/x.tgz /x\n`,
    );
    const fresh = action({ paths: 'examples', baseline: 'k8slint-baseline.json' });
    expect(fresh.code).toBe(1);
    expect(Number(fresh.outputs.findings)).toBeGreaterThan(0);
    expect(fresh.stdout.split('\n').filter((l) => /^::(warning|error|notice) file=/.test(l))).toHaveLength(Number(fresh.outputs.findings));
    const missing = action({ paths: 'examples', baseline: 'nope.json' });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/::error title=k8slint::baseline .*nope\.json does not exist/);
    expect(missing.outputs['exit-code']).toBe('2');
  });

  it('parses rule lists and versions', () => {
    expect(getRuleListInput('disable', { INPUT_DISABLE: ' DL3008,privileged-container\n  host-network ,, ' })).toEqual([
      'DL3008',
      'privileged-container',
      'host-network',
    ]);
    expect(getRuleListInput('disable', {})).toEqual([]);
    expect(versionMatches('latest', '0.1.0')).toBe(true);
    expect(versionMatches('0.1.0', '0.1.0')).toBe(true);
    expect(versionMatches('v0', '0.1.0')).toBe(true);
    expect(versionMatches('0.1.1', '0.1.0')).toBe(false);
    expect(versionMatches('0.10', '0.1.0')).toBe(false);
    expect(versionMatches('0.1.0.1', '0.1.0')).toBe(false);
    const inputs = readInputs(runnerEnv({ format: '', 'output-file': '' }), ws, VERSION);
    expect(inputs.format).toBeUndefined();
    expect(inputs.options.paths).toEqual(['.']);
  });

  it('action.yml declares every input the entry reads and every output it writes', () => {
    const yml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    for (const input of ['disable', 'only', 'format', 'output-file', 'version', 'baseline'])
      expect(yml).toMatch(new RegExp(`^ {2}${input}:\\n {4}description:`, 'm'));
    const outputs = yml.slice(yml.indexOf('\noutputs:'));
    for (const output of ALL_OUTPUTS) expect(outputs).toMatch(new RegExp(`^ {2}${output}:\\n {4}description:`, 'm'));
  });
});

describe('action fix input', () => {
  it('fix: true writes the safe fixes into the workspace and reports what is left; an invalid value is exit 2', () => {
    writeFileSync(
      join(ws, 'Dockerfile'),
      'FROM debian:12\nRUN apt-get update && apt-get install curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\nUSER 10001\n',
    );
    const r = action({ paths: 'Dockerfile', fix: 'true', only: 'apt-get-install-yes' });
    expect(readFileSync(join(ws, 'Dockerfile'), 'utf8')).toContain('apt-get install -y curl');
    expect(r.outputs.fixed).toBe('1');
    expect(r.outputs.findings).toBe('0');
    expect(r.code).toBe(0);
    const bad = action({ paths: 'Dockerfile', fix: 'yes' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('input "fix" must be true, false or unsafe');
  });
});
