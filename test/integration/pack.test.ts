import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { take } from '../helpers/defined.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
};
ensureBuilt();

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 240_000, ...options });
  return { status: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), error: result.error };
}

/**
 * `tsc` (strict, NodeNext, the published declarations not skipped) passes on `file` in `project`, as
 * a TypeScript user's build would. A Node.js user has @types/node (some declarations name NodeJS
 * types); the project's are borrowed.
 */
function expectTypeChecks(project: string, tsconfig: string, file: string): void {
  const compilerOptions = {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    typeRoots: [join(ROOT, 'node_modules/@types')],
    types: ['node'],
  };
  writeFileSync(join(project, tsconfig), JSON.stringify({ compilerOptions, files: [file] }));
  const tsc = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: project });
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
}

/**
 * The published package, for real: `npm pack` (without the prepack build, which `npm test` has
 * just done, so as not to rebuild dist/ under other runs), installed into an empty folder from the
 * registry with nothing else, and run with npx.
 */
describe('npm package', () => {
  let dir: string;
  let tarball: string;
  let files: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8slint-pack-'));
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
    expect(pack.status, pack.stderr).toBe(0);
    const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const [packed] = take(info, 1);
    tarball = join(dir, packed.filename);
    files = packed.files.map((f) => f.path);
    const project = join(dir, 'project');
    mkdirSync(project);
    const install = run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: project });
    expect(install.status, install.stdout + install.stderr).toBe(0);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds only what runs', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('dist/cli/k8slint.js');
    expect(files).toContain('dist/cli/lint.cjs');
    expect(files).toContain('dist/cli/fetch-worker.js');
    expect(files).toContain('dist/cli/ajv-library.cjs');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files.some((f) => f.startsWith('dist/rules/'))).toBe(true);
    for (const f of files) {
      expect(f, `${f} should not be published`).toMatch(
        /^(package\.json|README\.md|LICENSE|dist\/(src|rules|cli)\/.*\.(js|d\.ts)|dist\/validators\/[^/]+\.(cjs|json)|dist\/cli\/(ajv-library|lint)\.cjs|schemas\/.*\.(json|md)|docs\/rules\/.*\.md)$/,
      );
    }
  });

  it('runs with its dependencies only: no dev dependency installed or imported', () => {
    const modules = join(dir, 'project/node_modules');
    for (const dev of Object.keys(pkg.devDependencies)) expect(existsSync(join(modules, dev)), `${dev} installed`).toBe(false);
    for (const dep of Object.keys(pkg.dependencies)) expect(existsSync(join(modules, dep)), `${dep} missing`).toBe(true);
  });

  it('npx k8slint . lints a Dockerfile and a manifest and exits 1', () => {
    const project = join(dir, 'project');
    writeFileSync(join(project, 'Dockerfile'), 'FROM ubuntu:latest\nRUN apt-get update && apt-get install curl\n');
    writeFileSync(
      join(project, 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n      securityContext:\n        privileged: true\n',
    );
    const lint = run('npx', ['--no', '--', 'k8slint', '.'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    expect(lint.stderr.replace(/^npm warn .*\n/gm, '')).toBe('');
    expect(lint.status, lint.stdout).toBe(1);
    expect(lint.stdout).toContain('Dockerfile');
    expect(lint.stdout).toContain('pod.yaml');
    expect(lint.stdout).toContain('privileged-container');
    expect(lint.stdout).not.toContain('node_modules');
    const json = run('npx', ['--no', '--', 'k8slint', '--format', 'json', 'pod.yaml'], { cwd: project });
    expect(JSON.parse(json.stdout).version).toBe(pkg.version);
  }, 120_000);

  it('exports the programmatic API to an ESM script, as a user imports it', () => {
    const project = join(dir, 'project');
    writeFileSync(
      join(project, 'use-api.mjs'),
      [
        "import { lintTexts, lintFiles, listRules, VERSION } from 'k8slint';",
        "const { findings, errors } = lintTexts([{ path: 'Dockerfile', text: 'FROM ubuntu:latest\\n' }], { rules: ['unpinned-image'] });",
        "const files = lintFiles(['api-pod.yaml'], { rules: ['privileged-container'] });",
        'console.log(JSON.stringify({ ids: findings.map((f) => f.ruleId), errors: errors.length, files: files.findings.map((f) => f.ruleId), exitCode: files.exitCode, rules: listRules().length, VERSION }));',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'api-pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
    );
    const api = run(process.execPath, ['use-api.mjs'], { cwd: project });
    expect(api.status, api.stderr).toBe(0);
    const out = JSON.parse(api.stdout) as {
      ids: string[];
      errors: number;
      files: string[];
      exitCode: number;
      rules: number;
      VERSION: string;
    };
    expect(out.ids).toEqual(['unpinned-image']);
    expect(out.errors).toBe(0);
    expect(out.files).toEqual(['privileged-container']);
    expect(out.exitCode).toBe(1);
    expect(out.rules).toBeGreaterThan(50);
    expect(out.VERSION).toBe(pkg.version);
  }, 120_000);

  it('ships type declarations that a TypeScript user compiles against', () => {
    const project = join(dir, 'project');
    writeFileSync(
      join(project, 'use-api.ts'),
      [
        "import { lintTexts, listRules, type Finding, type LintFilesOptions, type RuleSummary } from 'k8slint';",
        "const findings: Finding[] = lintTexts([{ path: 'Dockerfile', text: 'FROM x\\n' }]).findings;",
        'const rules: RuleSummary[] = listRules();',
        "const options: LintFilesOptions = { failOn: 'error', kubernetesVersion: '1.34' };",
        'export const summary: string = `${findings.length} ${rules.length} ${options.failOn}`;',
        // A wrong type must fail, or the check proves nothing.
        '// @ts-expect-error failOn takes a severity or none',
        "export const wrong: LintFilesOptions = { failOn: 'sometimes' };",
      ].join('\n'),
    );
    expectTypeChecks(project, 'tsconfig.json', 'use-api.ts');
  }, 120_000);

  it('k8slint --version matches package.json', () => {
    const version = run('npx', ['--no', '--', 'k8slint', '--version'], { cwd: join(dir, 'project') });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
  }, 120_000);

  it('runs a plugin published as its own package: installed beside k8slint, configured, listed, explained, tested', () => {
    const project = join(dir, 'project');
    const plugin = join(ROOT, 'fixtures/plugins/k8slint-plugin-acme');
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: plugin });
    expect(pack.status, pack.stderr).toBe(0);
    const [packed] = take(JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string }>, 1);
    // The plugin has no dependencies and k8slint's are in the cache since the install above: no registry needed.
    const install = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', join(dir, packed.filename)],
      {
        cwd: project,
      },
    );
    expect(install.status, install.stdout + install.stderr).toBe(0);
    // A folder of its own, so the other tests of the package see no config.
    const team = join(project, 'team');
    mkdirSync(join(team, '.k8slint/tests'), { recursive: true });
    writeFileSync(
      join(team, '.k8slint.yaml'),
      'plugins: [acme]\nrules:\n  acme/team-label:\n    severity: error\n    options: { label: owner }\n',
    );
    writeFileSync(
      join(team, 'deploy.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: nginx:1.27\n',
    );
    writeFileSync(
      join(team, '.k8slint/tests/deploy.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels: # expect: acme/team-label\n    app: api\n',
    );
    const npx = (...args: string[]) =>
      run('npx', ['--no', '--', 'k8slint', ...args], { cwd: team, env: { ...process.env, NO_COLOR: '1' } });
    const lint = npx('--format', 'json', 'deploy.yaml');
    expect(lint.stderr.replace(/^npm warn .*\n/gm, '')).toBe('');
    expect(lint.status).toBe(1);
    const finding = (JSON.parse(lint.stdout).findings as Array<Record<string, unknown>>).find((f) => f.ruleId === 'acme/team-label');
    expect(finding).toMatchObject({ severity: 'error', line: 5, column: 3, message: 'Deployment api has no `owner` label' });
    const rules = npx('rules');
    expect(rules.stdout).toMatch(/^acme\/team-label .* plugin:k8slint-plugin-acme +Workloads carry the label/m);
    const explain = npx('explain', 'acme/team-label');
    expect(explain.status).toBe(0);
    expect(explain.stdout).toContain('acme/team-label: Workloads carry the label of the team that owns them');
    const tests = npx('test-rules');
    expect(tests.stdout).toContain('all passed (2 plugin and custom rules, 2 examples, 1 fixture file in .k8slint/tests)');
    expect(tests.status).toBe(0);
  }, 180_000);

  it('publishes the rule contract: a plugin rule in TypeScript compiles against the declarations', () => {
    const project = join(dir, 'project');
    writeFileSync(
      join(project, 'plugin-rule.ts'),
      [
        "import { defineRule, type Container, type DockerfileModel, type K8sObject, type Rule, type RuleContext } from 'k8slint';",
        'export const rule: Rule = defineRule({',
        "  meta: { id: 'owner', title: 'Owner', severity: 'warning', category: 'reliability', status: 'stable', since: '1.0.0', aliases: [],",
        "    rationale: 'r', remediation: 'r', examples: [], references: [], docs: { url: 'https://example.com/owner' } },",
        '  handlers: {',
        "    'k8s:object': (object: K8sObject, ctx: RuleContext) => { if (!object.labels.owner) ctx.reportMissing(object.node, ['metadata', 'labels', 'owner'], 'no owner'); },",
        "    'k8s:container': (container: Container, ctx: RuleContext) => { if (!container.image) ctx.report({ at: container.node, message: 'no image' }); },",
        '    dockerfile: (model: DockerfileModel) => void model.stages.length,',
        '  },',
        '});',
        // A wrong contract must fail, or the check proves nothing.
        '// @ts-expect-error a handler receives the model it is named after',
        "export const wrong: Rule = defineRule({ meta: rule.meta, handlers: { 'k8s:object': (object: DockerfileModel) => void object } });",
      ].join('\n'),
    );
    expectTypeChecks(project, 'tsconfig.plugin.json', 'plugin-rule.ts');
  }, 120_000);

  it('declares honest engines: node >=20.10 (import attributes), and every runtime dependency allows Node 20', () => {
    expect(pkg.engines.node).toBe('>=20.10');
    const modules = join(dir, 'project/node_modules');
    const ls = run('npm', ['ls', '--all', '--parseable'], { cwd: join(dir, 'project') });
    for (const path of ls.stdout.split('\n').filter((p) => p.startsWith(modules))) {
      const dep = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { name: string; engines?: { node?: string } };
      const range = dep.engines?.node;
      if (!range || range === '*') continue;
      expect(satisfiesNode20(range), `${dep.name} engines.node ${range}`).toBe(true);
    }
  }, 120_000);
});

/** Enough of semver ranges for engines fields: `>=x`, `^x`, `x || y`, `>= x`. */
function satisfiesNode20(range: string): boolean {
  return range.split('||').some((part) => {
    const p = part.trim().replace(/\s+/g, '');
    let m = /^>=?v?(\d+)/.exec(p);
    if (m) return Number(m[1]) <= 20;
    m = /^\^v?(\d+)/.exec(p);
    if (m) return Number(m[1]) === 20;
    m = /^(\d+)(\.x)?$/.exec(p);
    if (m) return Number(m[1]) === 20;
    return false;
  });
}
