import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/build.js';
import { k8slint, type CliOptions } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';

const HELM = readFileSync(join(ROOT, 'fixtures/cli/helm-output.yaml'), 'utf8');
const kubectl = requireProgram('kubectl');

function cli(argv: string[], stdin = '', cwd = ROOT, extra: CliOptions = {}) {
  return k8slint(argv, { stdin, cwd, ...extra });
}

/** Lines of the Helm output that start a `# Source:` document, for the templates the findings map to. */
const TEMPLATES = ['web/templates/deployment.yaml', 'web/templates/tests/test-connection.yaml'];

describe('helm template … | k8slint -', () => {
  it('json: every finding carries the template it was rendered from', () => {
    const { code, stdout } = cli(['--format', 'json', '-'], HELM);
    expect(code).toBe(1);
    const { findings } = JSON.parse(stdout);
    expect(findings.length).toBeGreaterThanOrEqual(4);
    for (const f of findings) expect(f.file).toBe('<stdin>');
    expect(new Set(findings.map((f: { source: string }) => f.source))).toEqual(new Set(TEMPLATES));
    const priv = findings.find((f: { ruleId: string }) => f.ruleId === 'privileged-container');
    expect(priv).toMatchObject({ line: 69, source: 'web/templates/deployment.yaml', object: 'Deployment/release-web' });
    // The first documents (ServiceAccount, Service) produce no findings, and none is misattributed to them.
    expect(findings.some((f: { source: string }) => /service/.test(f.source))).toBe(false);
  });

  it('stylish: the template is named after the rule', () => {
    // Wide enough for the object to stay on the rule id's line.
    const { stdout } = cli(['--width', '200', '-'], HELM);
    expect(stdout).toContain('privileged-container (Deployment/release-web, from web/templates/deployment.yaml)');
    expect(stdout).toContain('unpinned-image (Pod/release-web-test-connection, from web/templates/tests/test-connection.yaml)');
    expect(stdout).toMatch(/✖ \d+ problems \(1 error, \d+ warnings, \d+ info\)/);
  });

  it('github: unnamed stdin annotates the template; a named file keeps its lines and names the template', () => {
    const { stdout } = cli(['--format', 'github', '-'], HELM);
    expect(stdout).toContain(
      '::error file=web/templates/deployment.yaml,title=privileged-container::container "web" runs privileged (rendered line 69)',
    );
    const named = cli(['--format', 'github', '--stdin-filename', 'rendered/web.yaml', '-'], HELM);
    expect(named.stdout).toContain(
      '::error file=rendered/web.yaml,line=69,col=13,endLine=69,endColumn=29,title=privileged-container::container "web" runs privileged (from web/templates/deployment.yaml)',
    );
  });

  it('sarif: helmSource property; unnamed stdin is located on the template, a named file keeps its location with a related one', () => {
    const unnamed = JSON.parse(cli(['--format', 'sarif', '-'], HELM).stdout).runs[0].results;
    const priv = unnamed.find((r: { ruleId: string }) => r.ruleId === 'privileged-container');
    expect(priv.properties).toMatchObject({
      helmSource: 'web/templates/deployment.yaml',
      renderedLine: 69,
      object: 'Deployment/release-web',
    });
    expect(priv.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'web/templates/deployment.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    });
    const named = JSON.parse(cli(['--format', 'sarif', '--stdin-filename', 'rendered/web.yaml', '-'], HELM).stdout).runs[0].results;
    const p2 = named.find((r: { ruleId: string }) => r.ruleId === 'privileged-container');
    expect(p2.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'rendered/web.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 69, startColumn: 13, endLine: 69, endColumn: 29 },
    });
    expect(p2.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'web/templates/deployment.yaml', uriBaseId: '%SRCROOT%' } },
        message: { text: 'Helm template this object was rendered from: web/templates/deployment.yaml' },
      },
    ]);
  });

  it('junit, checkstyle and gitlab name the template too', () => {
    expect(cli(['--format', 'junit', '-'], HELM).stdout).toContain('Helm source: web/templates/deployment.yaml');
    expect(cli(['--format', 'checkstyle', '-'], HELM).stdout).toContain('runs privileged (from web/templates/deployment.yaml)');
    const issues = JSON.parse(cli(['--format', 'gitlab', '-'], HELM).stdout);
    expect(issues.find((i: { check_name: string }) => i.check_name === 'privileged-container').location.path).toBe(
      'web/templates/deployment.yaml',
    );
  });
});

describe('--kustomize', () => {
  it('lints the output of kubectl kustomize DIR', kubectl.options, () => {
    const { code, stdout } = cli(['--format', 'json', '--kustomize', 'fixtures/cli/kustomize']);
    expect(code).toBe(1);
    const { findings } = JSON.parse(stdout);
    expect(findings.map((f: { ruleId: string; object: string }) => `${f.ruleId} ${f.object}`)).toEqual([
      'unpinned-image Deployment/prod/api',
    ]);
  });

  it('exits 2 with a clear message when kubectl is missing', () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const run = cli(['--kustomize', 'fixtures/cli/kustomize']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'k8slint: --kustomize needs kubectl on PATH (or run: kustomize build fixtures/cli/kustomize | k8slint -)\nRun k8slint --help for usage.\n',
      );
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('terminal', () => {
  it('--timing prints the slowest rules to stderr after the report', () => {
    const { stdout, stderr } = cli(['--timing', 'examples']);
    expect(stdout).toContain('✖');
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Rule\s+Time \(ms\)\s+Relative$/);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.length).toBeLessThanOrEqual(13);
    expect(stderr).toMatch(/^\(all rules\)\s+\d+\.\d{3}$/m);
    expect(stderr).toMatch(/^\(parsing\)\s+\d+\.\d{3}$/m);
    const times = lines.slice(1, -2).map((l) => Number(l.trim().split(/\s+/)[1]));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(cli(['examples']).stderr).toBe('');
  });

  /** A folder of 210 Dockerfiles: enough for the progress indicator, which shows from 200 files. */
  function manyFiles(run: (dir: string) => void): void {
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-many-'));
    try {
      for (let i = 0; i < 210; i++) writeFileSync(join(dir, `d${i}.Dockerfile`), 'FROM alpine:3.20\nUSER 1000\n');
      run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('shows progress on a terminal stderr only for runs over 200 files, and erases it; not with CI set, --quiet or when piped', () => {
    manyFiles((dir) => {
      const many = cli(['.'], '', dir, { stderrIsTTY: true });
      expect(many.stderr).toMatch(/k8slint: (parsing|linting) \d+\/210 files/);
      expect(many.stderr.endsWith('\r\x1b[K')).toBe(true);
      expect(cli(['.'], '', dir, { stderrIsTTY: false }).stderr).toBe('');
      expect(cli(['.'], '', dir, { stderrIsTTY: true, env: { CI: 'true' } }).stderr).toBe('');
      expect(cli(['.', '--quiet'], '', dir, { stderrIsTTY: true }).stderr).toBe('');
      expect(cli(['d1.Dockerfile'], '', dir, { stderrIsTTY: true }).stderr).toBe('');
    });
  });

  // util-linux `script` gives the built CLI a pseudo-terminal; stdout goes to /dev/null, so what is left is stderr.
  it('the built CLI sees a terminal stderr', { ...requireProgram('script').options, timeout: 60_000 }, () => {
    manyFiles((dir) => {
      const noCi = { ...process.env };
      delete noCi.CI;
      const run = spawnSync('script', ['-qec', `"${process.execPath}" "${ensureBuilt()}" . > /dev/null`, '/dev/null'], {
        cwd: dir,
        env: noCi,
        encoding: 'utf8',
      });
      expect(run.stdout, JSON.stringify(run.stdout)).toMatch(/k8slint: linting 210\/210 files/);
    });
  });

  it('--quiet reports errors only', () => {
    const { stdout } = cli(['--quiet', 'examples']);
    expect(stdout).toContain('error');
    expect(stdout).not.toMatch(/\bwarning\b {2}/);
    expect(stdout).toMatch(/✖ 2 problems \(2 errors, 0 warnings, 0 info\)/);
  });
});
