import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run.js';
import { builtK8slint, k8slint } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';

/** A temporary folder holding `files` (path → content). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'k8slint-first-use-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const DOCKERFILE = 'FROM ubuntu\nRUN apt-get install -y curl\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';
const COMPOSE = 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n';
const CHART = {
  'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
  'charts/app/values.yaml': 'replicas: 2\n',
  'charts/app/templates/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{- include "app.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicas }}\n',
  'charts/app/templates/_helpers.tpl': '{{- define "app.labels" -}}\napp: x\n{{- end }}\n',
};
const ruleIds = (json: string) => (JSON.parse(json) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId);

describe('never a silent pass', () => {
  it('exits 2 and says so on stderr when no file was linted, in every format', () => {
    const empty = tree({ 'README.md': '# nothing to lint\n', 'values.yaml': 'a: 1\n' });
    for (const format of ['stylish', 'json', 'sarif', 'gitlab']) {
      const run = k8slint(['-f', format, '.'], { cwd: empty });
      expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('no Dockerfile, manifest or Compose file found under .')]);
    }
  });

  it('--allow-empty and allowEmpty: true in the config keep exit 0, and still say so', () => {
    const empty = tree({ 'README.md': 'x\n' });
    const flag = k8slint(['--allow-empty'], { cwd: empty });
    expect([flag.code, flag.stderr]).toEqual([0, expect.stringContaining('no Dockerfile, manifest or Compose file found')]);
    writeFileSync(join(empty, '.k8slint.yaml'), 'allowEmpty: true\n');
    expect(k8slint([], { cwd: empty }).code).toBe(0);
  });

  it('a run that lints something is not empty', () => {
    const root = tree({ Dockerfile: 'FROM ubuntu:24.04\nUSER app\n' });
    const run = k8slint(['-f', 'json', '.'], { cwd: root });
    expect(run.stderr).not.toContain('found under');
    expect(run.code).not.toBe(2);
  });

  it('prints the reason of every exit 2 on stderr, also when the report goes to a file (-f gitlab -o gl.json)', () => {
    const root = tree({ 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n' });
    const run = k8slint(['-f', 'gitlab', '-o', 'gl.json', '.'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^k8slint: bad\.yaml:\d+:\d+: .*YAML/m);
    expect(run.stderr).toContain('exit 2: 1 input error');
    const missing = k8slint(['-f', 'json', 'nope.yaml'], { cwd: root });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('k8slint: nope.yaml: no such file or directory')]);
  });

  it('the Action fails a run over a folder with nothing to lint, naming the folder and the skipped chart', () => {
    const ws = tree({ ...CHART, 'out.txt': '' });
    const lines: string[] = [];
    const code = runAction({
      env: { GITHUB_WORKSPACE: ws, GITHUB_OUTPUT: join(ws, 'out.txt'), INPUT_PATHS: 'charts' },
      stdout: (text) => lines.push(text),
      version: '0.0.0',
    });
    expect(code).toBe(2);
    const out = lines.join('');
    expect(out).toMatch(/::error title=k8slint::no Dockerfile, manifest or Compose file found under charts/);
    expect(out).toContain('::notice title=k8slint::skipped the templates/ of Helm chart charts/app');
    expect(readFileSync(join(ws, 'out.txt'), 'utf8')).toContain('exit-code=2');
  });
});

describe('stdin by content, --type and files:', () => {
  it('lints a Dockerfile piped to `k8slint -` as a Dockerfile (like hadolint -)', () => {
    const run = k8slint(['-f', 'json', '-'], { stdin: DOCKERFILE });
    expect(ruleIds(run.stdout)).toEqual(expect.arrayContaining(['unpinned-image', 'missing-user']));
    expect(ruleIds(run.stdout)).not.toContain('no-kubernetes-objects');
  });

  it('still reads manifests and helm template output from stdin as manifests', () => {
    const run = k8slint(['-f', 'json', '-'], { stdin: `---\n# Source: app/templates/pod.yaml\n${POD}` });
    expect(ruleIds(run.stdout)).toContain('missing-memory-limit');
  });

  it('recognises a Compose file on stdin by its content and lints it as Compose', () => {
    const run = k8slint(['-f', 'json', '-'], { stdin: COMPOSE });
    expect(ruleIds(run.stdout)).toContain('unpinned-image');
    expect(run.stdout).toContain('service/web');
    expect(run.stderr).not.toContain('found under');
  });

  it('--type forces the type of stdin and of odd file names (Dockerfile-gpu)', () => {
    const root = tree({ 'Dockerfile-gpu': DOCKERFILE });
    const refused = k8slint(['-f', 'json', 'Dockerfile-gpu'], { cwd: root });
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('--type')]);
    const forced = k8slint(['-f', 'json', '--type', 'dockerfile', 'Dockerfile-gpu'], { cwd: root });
    expect(ruleIds(forced.stdout)).toContain('unpinned-image');
    const stdin = k8slint(['-f', 'json', '--type', 'kubernetes', '-'], { stdin: DOCKERFILE });
    expect(ruleIds(stdin.stdout)).toEqual(['no-kubernetes-objects']);
    const bad = k8slint(['--type', 'helm', '-']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--type must be one of dockerfile, kubernetes, compose')]);
  });

  it('the config files: mapping types files by gitignore-style patterns, in walks too', () => {
    const root = tree({ 'build/Dockerfile-gpu': DOCKERFILE, '.k8slint.yaml': 'files:\n  "Dockerfile-*": dockerfile\n' });
    const run = k8slint(['-f', 'json', '.'], { cwd: root });
    expect(ruleIds(run.stdout)).toContain('unpinned-image');
    writeFileSync(join(root, '.k8slint.yaml'), 'files:\n  "Dockerfile-*": podman\n');
    const invalid = k8slint(['.'], { cwd: root });
    expect([invalid.code, invalid.stderr]).toEqual([2, expect.stringContaining('files')]);
  });
});

describe('Helm charts', () => {
  it('skips chart templates named explicitly (pre-commit) with one info line naming the chart and the command; no YAML error', () => {
    const root = tree(CHART);
    const run = k8slint(['-f', 'json', 'charts/app/templates/deployment.yaml', 'charts/app/templates/_helpers.tpl'], { cwd: root });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ findings: [], errors: [] });
    expect(run.stderr.trim().split('\n')).toEqual([
      'k8slint: info: skipped 2 Helm templates of chart charts/app (Go templates are not YAML until rendered); lint the rendered chart: helm template charts/app | k8slint -  (or: k8slint --helm charts/app)',
    ]);
  });

  it('skips a template outside a chart by its {{ }} actions, naming the line; -q drops the notice', () => {
    const root = tree({ 'deploy.yaml': CHART['charts/app/templates/deployment.yaml'] });
    const run = k8slint(['-f', 'json', 'deploy.yaml'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('k8slint: info: deploy.yaml:4: holds template actions');
    expect(k8slint(['-q', 'deploy.yaml'], { cwd: root }).stderr).toBe('');
  });

  it('lints manifests whose {{ }} are text (alert templates in quotes and block scalars)', () => {
    const rule =
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: r\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          expr: up == 0\n          annotations:\n            summary: "{{ $labels.instance }} is down"\n            description: |\n              {{ $labels.job }} has been down\n              {{ if $value }}for {{ $value }}{{ end }}\n';
    const root = tree({ 'rule.yaml': rule });
    const run = k8slint(['-f', 'json', 'rule.yaml'], { cwd: root });
    expect(run.stderr).not.toContain('template');
    expect(JSON.parse(run.stdout)).toMatchObject({ errors: [] });
  });

  it('--helm without helm on PATH is a clear usage error', () => {
    const root = tree(CHART);
    const run = builtK8slint(['--helm', 'charts/app'], { cwd: root, env: { PATH: join(root, 'no-bin'), NO_COLOR: '1' } });
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('--helm needs the helm program')]);
    expect(k8slint(['--values', 'v.yaml'], { cwd: root }).stderr).toContain('--values and --set go with --helm');
  }, 60_000);

  it('--helm renders through helm (a stand-in here) with --values and --set, findings on the template files', () => {
    const root = tree(CHART);
    const bin = join(root, 'bin');
    mkdirSync(bin);
    // Prints its arguments and a Deployment as `helm template` does: `# Source: <chart name>/templates/…`.
    writeFileSync(
      join(bin, 'helm'),
      `#!/bin/sh\necho "$@" > "${join(root, 'args.txt')}"\nprintf -- '---\\n# Source: app/templates/deployment.yaml\\napiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: r\\nspec:\\n  selector:\\n    matchLabels: {a: b}\\n  template:\\n    metadata:\\n      labels: {a: b}\\n    spec:\\n      containers:\\n        - name: c\\n          image: nginx:latest\\n'\n`,
    );
    chmodSync(join(bin, 'helm'), 0o755);
    const run = builtK8slint(['-f', 'json', '--helm', 'charts/app', '--values', 'charts/app/values.yaml', '--set', 'replicas=3'], {
      cwd: root,
      env: { PATH: `${bin}${delimiter}${process.env.PATH}`, NO_COLOR: '1' },
    });
    expect(readFileSync(join(root, 'args.txt'), 'utf8').trim()).toBe(
      'template charts/app --values charts/app/values.yaml --set replicas=3',
    );
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; source?: string }> }).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect([f.file, f.source]).toEqual(['<stdin>', 'charts/app/templates/deployment.yaml']);
    const github = builtK8slint(['-f', 'github', '--helm', 'charts/app'], {
      cwd: root,
      env: { PATH: `${bin}${delimiter}${process.env.PATH}` },
    });
    expect(github.stdout).toContain('file=charts/app/templates/deployment.yaml');
  }, 120_000);

  const helm = requireProgram('helm');
  it('--helm renders a real chart with helm', helm.options, () => {
    const root = tree({
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/values.yaml': 'image: nginx:latest\n',
      'charts/app/templates/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: c\n      image: {{ .Values.image | quote }}\n',
    });
    const run = k8slint(['-f', 'json', '--helm', 'charts/app', '--set', 'image=nginx:1.27'], { cwd: root });
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ source?: string }> }).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.source).toBe('charts/app/templates/pod.yaml');
  });
});

describe('small ones', () => {
  it('`k8slint rules --no-color` is accepted; `k8slint help` is help, not a path', () => {
    const rules = k8slint(['rules', '--no-color']);
    expect([rules.code, rules.stdout]).toEqual([0, expect.stringMatching(/^ID\s+SEVERITY/)]);
    const help = k8slint(['help']);
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('Usage: k8slint')]);
  });

  it('a mistyped flag gets a did-you-mean', () => {
    const run = k8slint(['--formt', 'json']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining("Unknown option '--formt' (did you mean --format?)")]);
    expect(k8slint(['--kubernetes-verson', '1.33']).stderr).toContain('did you mean --kubernetes-version?');
    expect(k8slint(['--zzzzzzzz']).stderr).not.toContain('did you mean');
  });

  it('--config naming a missing file says which file', () => {
    const run = k8slint(['--config', '/nope.yaml', '.'], { cwd: tree({ Dockerfile: DOCKERFILE }) });
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('--config /nope.yaml: no such file')]);
    expect(run.stderr).not.toContain('ENOENT');
  });

  it('--schema-location with a missing folder or an unsupported scheme is a usage error (exit 2) before linting', () => {
    const root = tree({ 'pod.yaml': POD });
    const missing = k8slint(['--schema-location', '/nonexistent', 'pod.yaml'], { cwd: root });
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining('--schema-location /nonexistent: folder /nonexistent/ does not exist'),
    ]);
    const scheme = k8slint(['--schema-location', 's3://bucket/schemas', 'pod.yaml'], { cwd: root });
    expect([scheme.code, scheme.stderr]).toEqual([2, expect.stringContaining('s3:// is not supported')]);
    expect(missing.stdout + scheme.stdout).toBe('');
  });

  it('`k8slint explain` renders for the terminal: no Markdown headings, tables, fences or generator comment', () => {
    const run = k8slint(['explain', 'DL3008']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^apt-get-unpinned-package: /);
    expect(run.stdout).toContain('\nWHY\n');
    expect(run.stdout).not.toMatch(/^#|^\||```|<!--/m);
    // Prose is wrapped at 80 columns under its heading.
    const prose = run.stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(prose.length).toBeGreaterThan(3);
    expect(prose.filter((line) => line.length > 80)).toEqual([]);
    const colored = k8slint(['explain', 'DL3008', '--color']);
    expect(colored.stdout).toContain('\x1b[1m');
    expect(k8slint(['explain', 'DL3008', '--format', 'markdown']).stdout).toContain('## Why');
  });
});
