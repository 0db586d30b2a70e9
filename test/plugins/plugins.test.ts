import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, lintFiles, listRules } from '../../src/index.js';
import { pluginName } from '../../src/app/plugins.js';
import { k8slint } from '../helpers/cli.js';
import { canRequireEsm, DEPLOYMENT_WITH_TEAM, DEPLOYMENT_WITHOUT_TEAM, project, type Project } from './project.js';

const ids = (findings: ReadonlyArray<{ ruleId: string }>) => findings.map((f) => f.ruleId);

describe('plugin names (ESLint naming, / as the namespace separator)', () => {
  it('maps config entries to packages and namespaces', () => {
    expect(pluginName('acme')).toMatchObject({ packageName: 'k8slint-plugin-acme', namespace: 'acme' });
    expect(pluginName('k8slint-plugin-acme')).toMatchObject({ packageName: 'k8slint-plugin-acme', namespace: 'acme' });
    expect(pluginName('@acme')).toMatchObject({ packageName: '@acme/k8slint-plugin', namespace: 'acme' });
    expect(pluginName('@acme/k8slint-plugin')).toMatchObject({ packageName: '@acme/k8slint-plugin', namespace: 'acme' });
    expect(pluginName('@acme/gpu')).toMatchObject({ packageName: '@acme/k8slint-plugin-gpu', namespace: 'acme-gpu' });
    expect(pluginName('@acme/k8slint-plugin-gpu')).toMatchObject({ packageName: '@acme/k8slint-plugin-gpu', namespace: 'acme-gpu' });
  });

  it('refuses what is no plugin name', () => {
    expect(pluginName('./local')).toBeUndefined();
    expect(pluginName('Acme')).toBeUndefined();
    expect(pluginName('a/b')).toBeUndefined();
  });
});

// Each test lints a project in-process, some several times.
describe('a plugin listed in the config', { timeout: 120_000 }, () => {
  let p: Project;
  beforeAll(() => {
    p = project(
      {
        '.k8slint.yaml': 'plugins: [acme]\n',
        'k8s/bad.yaml': DEPLOYMENT_WITHOUT_TEAM,
        'k8s/good.yaml': DEPLOYMENT_WITH_TEAM,
        Dockerfile: 'FROM python:latest\nUSER 1000\n',
        'ok/Dockerfile': 'FROM python:3.12-slim AS build\nFROM build\nUSER 1000\n',
      },
      ['k8slint-plugin-acme'],
    );
  });
  afterAll(() => p.remove());

  it('reports its rules under their namespaced ids at the offending node, and is silent on compliant files', () => {
    const run = lintFiles(['.'], { cwd: p.dir, rules: ['acme/team-label', 'acme/no-latest-base'] });
    expect(run.errors).toEqual([]);
    expect(run.findings.map((f) => [f.ruleId, f.file, f.span.line, f.span.column, f.span.endColumn])).toEqual([
      // FROM python:latest: the image reference.
      ['acme/no-latest-base', 'Dockerfile', 1, 6, 19],
      // No `team` label: the deepest node that exists, metadata.labels.
      ['acme/team-label', 'k8s/bad.yaml', 5, 3, 9],
    ]);
    expect(run.findings[1]?.message).toBe('Deployment api has no `team` label');
    expect(run.exitCode).toBe(1);
  });

  it('runs its stable rules by default, beside the built-in ones', () => {
    const run = lintFiles(['k8s/bad.yaml', 'Dockerfile'], { cwd: p.dir });
    expect(ids(run.findings)).toEqual(expect.arrayContaining(['acme/team-label', 'acme/no-latest-base', 'unpinned-image']));
  });

  it('takes severity and options under rules:, and presets as the base', () => {
    p.write(
      'severity.yaml',
      'plugins: [acme]\npreset: pss-restricted\nrules:\n  acme/team-label:\n    severity: error\n    options: { label: owner }\n',
    );
    const run = lintFiles(['k8s/good.yaml'], { cwd: p.dir, configPath: `${p.dir}/severity.yaml` });
    const own = run.findings.filter((f) => f.ruleId === 'acme/team-label');
    expect(own.map((f) => [f.severity, f.message])).toEqual([['error', 'Deployment api has no `owner` label']]);
    // The preset is the base: its rules run, the plugin's other rule (not in it) does not.
    expect(ids(run.findings)).not.toContain('acme/no-latest-base');
    expect(ids(run.findings).some((id) => !id.startsWith('acme/'))).toBe(true);
    p.write('off.yaml', 'plugins: [acme]\nrules:\n  acme/team-label: off\n');
    expect(ids(lintFiles(['k8s/bad.yaml'], { cwd: p.dir, configPath: `${p.dir}/off.yaml` }).findings)).not.toContain('acme/team-label');
  });

  it('refuses options its schema does not allow, and an unknown rule of the plugin, naming the closest', () => {
    p.write('bad-option.yaml', 'plugins: [acme]\nrules:\n  acme/team-label:\n    options: { lable: x }\n');
    expect(() => lintFiles(['k8s'], { cwd: p.dir, configPath: `${p.dir}/bad-option.yaml` })).toThrow(ConfigError);
    p.write('typo.yaml', 'plugins: [acme]\nrules:\n  acme/team-lable: error\n');
    expect(() => lintFiles(['k8s'], { cwd: p.dir, configPath: `${p.dir}/typo.yaml` })).toThrow(
      /unknown key "acme\/team-lable".*did you mean "acme\/team-label"/,
    );
    expect(() => lintFiles(['k8s'], { cwd: p.dir, rules: ['acme/team-lable'] })).toThrow(/unknown rule "acme\/team-lable"/);
  });

  it('is turned off by --disable and chosen by --rule on the command line', () => {
    const only = k8slint(['--rule', 'acme/team-label', '--format', 'json', '.'], { cwd: p.dir });
    expect(only.stderr).toBe('');
    expect(new Set(ids(JSON.parse(only.stdout).findings))).toEqual(new Set(['acme/team-label']));
    const off = k8slint(['--disable', 'acme/team-label', '--format', 'json', 'k8s/bad.yaml'], { cwd: p.dir });
    expect(ids(JSON.parse(off.stdout).findings)).not.toContain('acme/team-label');
  });

  it('is suppressed by comments, annotations (the namespace as a dot) and config ignores', () => {
    p.write(
      'suppressed/comment.yaml',
      DEPLOYMENT_WITHOUT_TEAM.replace(
        '  labels:\n    app: api\nspec',
        '  # k8slint-disable-next-line acme/team-label -- legacy chart\n  labels:\n    app: api\nspec',
      ),
    );
    p.write(
      'suppressed/annotation.yaml',
      DEPLOYMENT_WITHOUT_TEAM.replace(
        '  name: api\n',
        '  name: api\n  annotations:\n    ignore-check.k8slint.io/acme.team-label: "shared by every team"\n',
      ),
    );
    p.write('suppressed/ignored.yaml', DEPLOYMENT_WITHOUT_TEAM.replace('name: api', 'name: vendor'));
    p.write('ignores.yaml', 'plugins: [acme]\nignores:\n  - rule: acme/team-label\n    name: vendor\n    reason: third-party chart\n');
    const run = lintFiles(['suppressed'], { cwd: p.dir, configPath: `${p.dir}/ignores.yaml` });
    expect(run.errors).toEqual([]);
    expect(ids(run.findings).filter((id) => id.startsWith('acme/') || id.includes('suppression'))).toEqual([]);
    // The same annotation on a compliant object matches nothing, and says so.
    p.write(
      'unused/annotation.yaml',
      DEPLOYMENT_WITH_TEAM.replace('  name: api\n', '  name: api\n  annotations:\n    ignore-check.k8slint.io/acme.team-label: "shared"\n'),
    );
    const unused = lintFiles(['unused'], { cwd: p.dir });
    expect(unused.findings.find((f) => f.ruleId === 'unused-suppression')?.message).toBe(
      'suppression of acme/team-label matches no finding; remove it',
    );
  });

  it('is listed by k8slint rules and the API, and explained from its meta', () => {
    const table = k8slint(['rules'], { cwd: p.dir });
    expect(table.stdout).toMatch(/^ID .* SOURCE +TITLE$/m);
    expect(table.stdout).toMatch(
      /^acme\/team-label +warning +reliability +stable +kubernetes +- +plugin:k8slint-plugin-acme +Workloads carry/m,
    );
    const json = JSON.parse(k8slint(['rules', '--format', 'json'], { cwd: p.dir }).stdout) as Array<Record<string, unknown>>;
    expect(json.find((r) => r.id === 'acme/team-label')).toMatchObject({
      origin: { kind: 'plugin', name: 'k8slint-plugin-acme' },
      docsUrl: 'https://example.com/acme/k8slint-rules/team-label',
    });
    expect(json.find((r) => r.id === 'acme/no-latest-base')).not.toHaveProperty('docsUrl');
    expect(listRules({ cwd: p.dir }).map((r) => r.id)).toContain('acme/no-latest-base');
    expect(listRules().map((r) => r.id)).not.toContain('acme/no-latest-base');
    const explain = k8slint(['explain', 'acme/no-latest-base'], { cwd: p.dir });
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('acme/no-latest-base: Base images are pinned to a tag other than latest');
    expect(explain.stdout).toContain('FROM python:latest');
    expect(explain.stdout).toContain('From: plugin k8slint-plugin-acme');
    expect(explain.stdout).not.toContain('Docs:');
    const markdown = k8slint(['explain', 'acme/team-label', '--format', 'markdown'], { cwd: p.dir }).stdout;
    expect(markdown).toContain('From plugin `k8slint-plugin-acme`; documentation: https://example.com/acme/k8slint-rules/team-label.');
    expect(markdown).not.toContain('Generated from the rule file');
  });

  it('appears in SARIF rule metadata (helpUri only where the plugin names a page) and in JSON findings', () => {
    const sarif = JSON.parse(k8slint(['--format', 'sarif', '.'], { cwd: p.dir }).stdout);
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; help: { markdown: string } }>;
    const team = rules.find((r) => r.id === 'acme/team-label');
    expect(team).toMatchObject({
      name: 'AcmeTeamLabel',
      shortDescription: { text: 'Workloads carry the label of the team that owns them' },
      helpUri: 'https://example.com/acme/k8slint-rules/team-label',
      properties: { origin: 'plugin:k8slint-plugin-acme' },
    });
    const base = rules.find((r) => r.id === 'acme/no-latest-base');
    expect(base).toBeDefined();
    expect(base).not.toHaveProperty('helpUri');
    expect(base?.help.markdown).not.toContain('Rule documentation');
    const results = sarif.runs[0].results as Array<{ ruleId: string; ruleIndex: number }>;
    const result = results.find((r) => r.ruleId === 'acme/no-latest-base');
    expect(rules[result?.ruleIndex ?? -1]?.id).toBe('acme/no-latest-base');
    const json = JSON.parse(k8slint(['--format', 'json', 'Dockerfile'], { cwd: p.dir }).stdout);
    expect(json.findings.find((f: { ruleId: string }) => f.ruleId === 'acme/no-latest-base')).not.toHaveProperty('docsUrl');
    const junit = k8slint(['--format', 'junit', 'Dockerfile'], { cwd: p.dir }).stdout;
    expect(junit).toContain('rule: acme/no-latest-base</failure>');
  });
});

describe('a plugin that cannot be used is a config error naming the config file and the plugin', { timeout: 120_000 }, () => {
  let p: Project;
  beforeAll(() => {
    p = project({ 'deploy.yaml': DEPLOYMENT_WITHOUT_TEAM }, ['k8slint-plugin-broken', 'k8slint-plugin-throws', 'k8slint-plugin-acme']);
  });
  afterAll(() => p.remove());

  const failure = (config: string) => {
    const path = p.write('.k8slint.yaml', config);
    const run = k8slint(['deploy.yaml'], { cwd: p.dir });
    return { ...run, path };
  };

  it('a rule of the wrong shape: what is wrong, field by field', () => {
    const run = failure('plugins: [broken]\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`k8slint: ${run.path}: plugin k8slint-plugin-broken: rule "bad-shape" meta.category is not one of`);
    expect(run.stderr).toContain('has an unknown handler "k8s:deployment"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a plugin that throws while loading, one not installed, a name that is none, two with one namespace', () => {
    expect(failure('plugins: [throws]\n').stderr).toMatch(
      /\.k8slint\.yaml: plugin k8slint-plugin-throws failed to load: acme registry token missing\n/,
    );
    const missing = failure('plugins: ["@acme/gpu"]\n');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('plugin @acme/k8slint-plugin-gpu (plugins: @acme/gpu) is not installed');
    expect(failure('plugins: [./plugins/mine]\n').stderr).toContain('"./plugins/mine" is not a plugin name');
    expect(failure('plugins: [acme, k8slint-plugin-acme]\n').stderr).toContain('both give rules the namespace "acme/"');
    expect(failure('plugins: acme\n').stderr).toContain('plugins must be array');
  });

  it('the same errors come from rules and explain, which load the config too', () => {
    failure('plugins: [throws]\n');
    expect(k8slint(['rules'], { cwd: p.dir }).code).toBe(2);
    expect(k8slint(['explain', 'acme/team-label'], { cwd: p.dir }).code).toBe(2);
  });
});

describe('an ES module plugin', () => {
  it.skipIf(!canRequireEsm())('loads synchronously on Node.js 20.19+ (default export)', () => {
    const p = project(
      {
        '.k8slint.yaml': 'plugins: [esm]\n',
        'pod.yaml':
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n',
      },
      ['k8slint-plugin-esm'],
    );
    try {
      const run = lintFiles(['pod.yaml'], { cwd: p.dir, rules: ['esm/no-privileged-port'] });
      expect(run.findings.map((f) => [f.ruleId, f.span.line, f.span.column])).toEqual([['esm/no-privileged-port', 10, 11]]);
    } finally {
      p.remove();
    }
  });
});
