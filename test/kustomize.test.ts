import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProject } from '../src/app/lint-project.js';
import { annotateKustomize } from '../src/discover/kustomize.js';
import { discover } from '../src/discover/discover.js';
import { buildKubernetesModel } from '../src/model/k8s-build.js';
import { applyImageOverride, isToolConfig, kustomizedIdentities, kustomizedIdentity, kustomizedImages } from '../src/model/kustomize.js';
import type { SourceFile } from '../src/types.js';
import { formatters, type FormatName } from '../src/app/formats.js';
import { parseCli, type LintArgs } from '../src/cli/args.js';
import { lintOptionsFromArgs } from '../src/cli/run.js';
import { k8slint } from './helpers/cli.js';
import { requireProgram } from './helpers/programs.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'kustomize', 'overlay-pins');
const kubectl = requireProgram('kubectl');

/** Rule, file and line of each finding of a run over `paths` in the fixture. */
function findingsIn(cwd: string, paths: string[], rules?: string[]): string[] {
  const run = lintProject({ cwd, paths, ...(rules && { rules }) });
  expect(run.report.errors).toEqual([]);
  return run.report.findings.map((f) => `${f.ruleId} ${f.file}:${f.span.line}:${f.span.column}`).sort();
}

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A directory holding `files` (path → text). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'k8slint-kustomize-test-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function annotated(root: string): { files: Map<string, SourceFile>; errors: ReturnType<typeof annotateKustomize> } {
  const discovery = discover(['.'], { cwd: root, ignorePaths: [] });
  const errors = annotateKustomize(discovery.files, { cwd: root, found: discovery.kustomizations ?? [] });
  return { files: new Map(discovery.files.map((f) => [f.displayPath, f])), errors };
}

const deployment = (name: string, image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels: {app: ${name}}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;

describe('kustomize images: entries', () => {
  it('rewrite a matching image as kustomize does', () => {
    expect(applyImageOverride('nginx', { name: 'nginx', newTag: '1.27' })).toBe('nginx:1.27');
    expect(applyImageOverride('nginx:1.25', { name: 'nginx', newName: 'mirror.example.com/nginx' })).toBe('mirror.example.com/nginx:1.25');
    expect(applyImageOverride('nginx:latest', { name: 'nginx', digest: 'sha256:abc' })).toBe('nginx@sha256:abc');
    expect(applyImageOverride('nginx@sha256:old', { name: 'nginx', newTag: '1.27' })).toBe('nginx:1.27');
    expect(applyImageOverride('nginx', { name: 'nginx', newTag: '1.27', digest: 'sha256:abc' })).toBe('nginx:1.27@sha256:abc');
  });

  it('leave other images alone (the name is matched whole, dots literally)', () => {
    expect(applyImageOverride('nginx-exporter', { name: 'nginx', newTag: '1' })).toBeUndefined();
    expect(applyImageOverride('example.com/web', { name: 'example-com/web', newTag: '1' })).toBeUndefined();
    expect(applyImageOverride('exampleXcom/web', { name: 'example.com/web', newTag: '1' })).toBeUndefined();
  });
});

describe('tool configurations', () => {
  it('are known by their API group', () => {
    expect(isToolConfig('kustomize.config.k8s.io/v1beta1', 'Kustomization')).toBe(true);
    expect(isToolConfig('kustomize.config.k8s.io/v1alpha1', 'Component')).toBe(true);
    expect(isToolConfig('kind.x-k8s.io/v1alpha4', 'Cluster')).toBe(true);
    expect(isToolConfig('builtin', 'PrefixSuffixTransformer')).toBe(true);
    expect(isToolConfig('skaffold/v4beta11', 'Config')).toBe(true);
    expect(isToolConfig('apps/v1', 'Deployment')).toBe(false);
    expect(isToolConfig('cluster.x-k8s.io/v1beta1', 'Cluster')).toBe(false);
    // Flux's Kustomization is a custom resource applied to the cluster.
    expect(isToolConfig('kustomize.toolkit.fluxcd.io/v1', 'Kustomization')).toBe(false);
  });

  it('are not objects: no schema finding even with --strict-schemas, not counted', () => {
    const root = tree({
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [pod.yaml]\n',
      'kind-cluster.yaml': 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n  - role: control-plane\n',
      'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n',
    });
    const run = lintProject({ cwd: root, paths: ['kustomization.yaml', 'kind-cluster.yaml', 'chart/Chart.yaml'], strictSchemas: true });
    expect(run.report.findings).toEqual([]);
    expect(run.report.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
  });
});

describe('kustomization files of the run', () => {
  it('mark patches, resources and generator inputs, with every build that includes a file', () => {
    const root = tree({
      'base/kustomization.yaml':
        'resources:\n  - web.yaml\nconfigMapGenerator:\n  - name: cfg\n    files: [app=settings.yaml]\nimages:\n  - name: web\n    newTag: "1.0"\n',
      'base/web.yaml': deployment('web', 'web'),
      'base/settings.yaml': 'apiVersion: settings.example.com/v1\nkind: Settings\n',
      'prod/kustomization.yaml':
        'resources: [../base]\nnamespace: prod\nnamePrefix: prod-\nlabels:\n  - pairs: {team: a}\n    includeSelectors: true\npatches:\n  - path: more.yaml\nimages:\n  - name: web\n    newTag: "2.0"\n',
      'prod/more.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
      'dev/kustomization.yaml':
        'resources:\n  - ../base\n  - https://github.com/example/remote//base?ref=v1\n  - missing.yaml\nnameSuffix: -dev\n',
    });
    const { files, errors } = annotated(root);
    expect(errors).toEqual([]);
    const web = files.get('base/web.yaml')!;
    expect(web.kustomize).toMatchObject({ resource: true, patch: false, config: false });
    expect(web.kustomize!.builds.map((b) => b.root).sort()).toEqual(['dev/kustomization.yaml', 'prod/kustomization.yaml']);
    expect(files.get('prod/more.yaml')!.kustomize).toMatchObject({ patch: true, resource: false });
    expect(files.get('base/settings.yaml')!.kustomize).toMatchObject({ config: true, resource: false });

    const model = buildKubernetesModel(web);
    expect(
      kustomizedImages(model.containers[0]!)
        .map((i) => i.image)
        .sort(),
    ).toEqual(['web:1.0', 'web:2.0']);
    const identities = kustomizedIdentities(model.objects[0]!).sort((a, b) => a.root.localeCompare(b.root));
    expect(identities).toEqual([
      { root: 'dev/kustomization.yaml', name: 'web-dev', labels: { app: 'web' }, selectorLabels: {}, templateLabels: {} },
      {
        root: 'prod/kustomization.yaml',
        name: 'prod-web',
        namespace: 'prod',
        labels: { app: 'web', team: 'a' },
        selectorLabels: { team: 'a' },
        templateLabels: { team: 'a' },
      },
    ]);
    // dev and prod disagree on the name: no single identity.
    expect(kustomizedIdentity(model.objects[0]!)).toBeUndefined();
    expect(buildKubernetesModel(files.get('prod/more.yaml')!).objects[0]!.partial).toBe(true);
    expect(buildKubernetesModel(files.get('base/settings.yaml')!).objects).toEqual([]);
  });

  it('refuse cycles with a clear input error, and go on', () => {
    const root = tree({
      'a/kustomization.yaml': 'resources: [../b, pod.yaml]\n',
      'a/pod.yaml': deployment('a', 'nginx:1.27'),
      'b/kustomization.yaml': 'resources: [../a]\n',
      'top/kustomization.yaml': 'resources: [../a]\n',
    });
    const { files, errors } = annotated(root);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('a/kustomization.yaml');
    expect(errors[0]!.message).toMatch(/includes itself \(a\/kustomization\.yaml → b\/kustomization\.yaml → a\/kustomization\.yaml\)/);
    expect(files.get('a/pod.yaml')!.kustomize!.builds.length).toBeGreaterThan(0);
  });

  it('report a kustomization that is not YAML with its file and line (exit 2), the other files still linted', () => {
    const root = tree({
      'app/kustomization.yaml': 'resources:\n  - pod.yaml\n  bad: [\n',
      'app/pod.yaml': deployment('web', 'nginx'),
    });
    const run = lintProject({ cwd: root, paths: ['.'] });
    expect(run.report.errors).toEqual([expect.objectContaining({ file: 'app/kustomization.yaml', line: 3 })]);
    expect(run.report.errors[0]!.message).toMatch(/kustomization is not valid YAML/);
    expect(run.exitCode).toBe(2);
    expect(run.report.findings.some((f) => f.ruleId === 'unpinned-image' && f.file === 'app/pod.yaml')).toBe(true);
  });

  it('stop at a bounded depth on a long chain of overlays', () => {
    const files: Record<string, string> = { 'k0/kustomization.yaml': 'resources: [pod.yaml]\n', 'k0/pod.yaml': deployment('w', 'nginx') };
    for (let i = 1; i <= 40; i++) files[`k${i}/kustomization.yaml`] = `resources: [../k${i - 1}]\n`;
    const { files: annotatedFiles, errors } = annotated(tree(files));
    expect(errors).toEqual([]);
    // The root is 40 levels up: too deep to follow, so the file is known as a resource but no build reaches it.
    expect(annotatedFiles.get('k0/pod.yaml')!.kustomize).toMatchObject({ resource: true, builds: [] });
  });
});

describe('an overlay that pins images, patches a Deployment, sets a namespace and common labels', () => {
  const rules = [
    'unpinned-image',
    'image-not-pinned-by-digest',
    'mutable-tag-pull-policy',
    'missing-memory-limit',
    'missing-resource-requests',
    'unknown-kind-schema',
    'run-as-non-root',
    'missing-readiness-probe',
    'service-selects-no-pods',
  ];

  it('gets no finding on its patch, its pin, its kustomization or its generator input', () => {
    expect(findingsIn(fixture, ['.'])).toEqual([
      'missing-memory-limit base/deployment.yaml:40:11',
      'missing-readiness-probe base/deployment.yaml:21:11',
      'missing-readiness-probe base/deployment.yaml:37:11',
      'unpinned-image base/deployment.yaml:38:11',
    ]);
  });

  it('gets the same findings from its sources as from kubectl kustomize output mapped back to them', kubectl.options, () => {
    const fromSources = findingsIn(fixture, ['.'], rules);
    const rendered = k8slint(['--kustomize', 'overlay', '--format', 'json', ...rules.flatMap((r) => ['--rule', r])], { cwd: fixture });
    expect(rendered.stderr).toBe('');
    const report = JSON.parse(rendered.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; column: number }> };
    const fromBuild = report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort();
    expect(fromBuild).toEqual(fromSources);
    expect(fromSources.length).toBeGreaterThanOrEqual(4);
  });

  it('renders to objects kustomize names, namespaces and labels as the source model predicts', kubectl.options, () => {
    const build = spawnSync('kubectl', ['kustomize', join(fixture, 'overlay')], { encoding: 'utf8', timeout: 60_000 });
    expect(build.status).toBe(0);
    const discovery = discover(['.'], { cwd: fixture, ignorePaths: [] });
    annotateKustomize(discovery.files, { cwd: fixture, found: discovery.kustomizations ?? [] });
    const web = discovery.files.find((f) => f.displayPath === 'base/deployment.yaml')!;
    const model = buildKubernetesModel(web);
    const identity = kustomizedIdentity(model.objects[0]!);
    expect(identity).toMatchObject({ root: 'overlay/kustomization.yaml', name: 'prod-web', namespace: 'shop' });
    expect(build.stdout).toContain(`name: ${identity!.name}\n  namespace: ${identity!.namespace}\n`);
    for (const [key, value] of Object.entries(identity!.labels)) expect(build.stdout).toContain(`${key}: ${value}`);
    const images = kustomizedImages(model.containers[0]!).map((i) => i.image);
    expect(images).toEqual(['registry.example.com/shop/web:1.4.2']);
    expect(build.stdout).toContain(`image: ${images[0]}`);
  });
});

describe('--kustomize DIR', () => {
  const formats: Array<[FormatName, RegExp]> = [
    ['sarif', /"uri": "base\/deployment\.yaml"/],
    ['github', /::warning file=base\/deployment\.yaml,line=38,col=11/],
    ['gitlab', /"path": "base\/deployment\.yaml"/],
    ['junit', /<testsuite name="base\/deployment\.yaml"/],
    ['checkstyle', /<file name="base\/deployment\.yaml">/],
  ];

  it('names the source file of each object in every format', kubectl.options, () => {
    // One rendering (two kubectl runs) for every format: the command line wires exactly this.
    const options = lintOptionsFromArgs(parseCli(['--kustomize', 'overlay', '--rule', 'unpinned-image']) as LintArgs, {
      cwd: fixture,
      readStdin: () => '',
      version: '0.0.0',
    });
    const run = lintProject(options);
    expect(run.report.errors).toEqual([]);
    expect(run.exitCode).toBe(1);
    for (const [format, pattern] of formats) {
      const text = formatters[format](run.report, { color: false, quiet: false });
      expect(text, format).toMatch(pattern);
      expect(text, format).not.toContain('stdin');
    }
  });

  it('reports on source files from the command line too', kubectl.options, () => {
    const run = k8slint(['--kustomize', 'overlay', '--format', 'github', '--rule', 'unpinned-image'], { cwd: fixture });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::warning file=base\/deployment\.yaml,line=38,col=11,/);
  });
});

describe('cross-object rules over kustomize sources', () => {
  const files = {
    'base/app/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: dev\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: web\n          image: nginx:1.25.3\n',
    'base/app/kustomization.yaml': 'resources: [deployment.yaml]\n',
    'base/access/serviceaccount.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: staging\n',
    'base/access/kustomization.yaml': 'resources: [serviceaccount.yaml]\n',
    'overlays/prod/kustomization.yaml': 'namespace: prod\nresources: [../../base/app, ../../base/access]\n',
  };

  it('judge namespaces as the overlay sets them: objects of two bases meet in its namespace', () => {
    const root = tree(files);
    const run = lintProject({
      cwd: root,
      paths: ['.'],
      rules: ['service-account-missing'],
      ruleOptions: { 'service-account-missing': { scope: 'run' } },
    });
    expect(run.report.findings.map((f) => f.message)).toEqual([]);
  });

  it('without the overlay the namespaces differ, and the reference is reported', () => {
    const bases = Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('overlays/')));
    const root = tree(bases);
    const run = lintProject({
      cwd: root,
      paths: ['.'],
      rules: ['service-account-missing'],
      ruleOptions: { 'service-account-missing': { scope: 'run' } },
    });
    expect(run.report.findings.map((f) => f.message).join('\n')).toMatch(/namespace/);
  });
});
