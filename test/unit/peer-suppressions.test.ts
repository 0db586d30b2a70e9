import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts, registry } from '../../src/index.js';
import { lint, parseFile, type ParsedFile } from '../../src/engine/lint.js';
import { globMatcher, type ConfigIgnore } from '../../src/engine/suppress.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';

/** A Deployment with two privileged containers (`app`, `sidecar`), host networking and the given annotations. */
const DEPLOYMENT = (objectAnnotations = '', templateAnnotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
${objectAnnotations ? `  annotations:\n${objectAnnotations}` : ''}spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
${templateAnnotations ? `      annotations:\n${templateAnnotations}` : ''}    spec:
      hostNetwork: true
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
        - name: sidecar
          image: envoy:1.30
          securityContext:
            privileged: true
`;

const RULES = ['host-network', 'privileged-container'];

function run(text: string, rules = RULES) {
  return lintTexts([{ path: 'deploy.yaml', text }], { rules }).findings.map((f) => `${f.ruleId}:${f.span.line}:${f.severity}`);
}

describe("peers' suppression annotations", () => {
  it('without annotations: host-network once, privileged-container on both containers', () => {
    expect(run(DEPLOYMENT())).toEqual(['host-network:13:warning', 'privileged-container:18:error', 'privileged-container:22:error']);
  });

  it('kube-score/ignore takes a comma list of kube-score ids, on the object or the pod template', () => {
    const ids = '"container-security-context-privileged"';
    expect(run(DEPLOYMENT(`    kube-score/ignore: ${ids}\n`)).map((s) => s.split(':')[0])).toEqual(['host-network']);
    expect(run(DEPLOYMENT('', `        kube-score/ignore: ${ids}\n`)).map((s) => s.split(':')[0])).toEqual(['host-network']);
  });

  it('polaris.fairwinds.com/<check>-exempt: "true" suppresses that check; another value does nothing', () => {
    expect(run(DEPLOYMENT('    polaris.fairwinds.com/hostNetworkSet-exempt: "true"\n')).map((s) => s.split(':')[0])).toEqual([
      'privileged-container',
      'privileged-container',
    ]);
    expect(run(DEPLOYMENT('    polaris.fairwinds.com/hostNetworkSet-exempt: "false"\n')).map((s) => s.split(':')[0])).toEqual([
      'host-network',
      'privileged-container',
      'privileged-container',
    ]);
  });

  it("polaris.fairwinds.com/exempt and kube-linter.io/ignore-all suppress every rule aliasing one of that tool's checks", () => {
    expect(run(DEPLOYMENT('    polaris.fairwinds.com/exempt: "true"\n'))).toEqual([]);
    expect(run(DEPLOYMENT('    kube-linter.io/ignore-all: "vendor chart"\n'))).toEqual([]);
  });

  it('checkov.io/skip<N>: CKV_K8S_<n>=reason', () => {
    const found = run(DEPLOYMENT('    checkov.io/skip1: CKV_K8S_19=CNI agent\n    checkov.io/skip2: CKV_K8S_16=needs devices\n'));
    expect(found).toEqual([]);
  });

  it('an unused peer pragma is reported at info, a blanket one once; an unused k8slint annotation keeps its level', () => {
    const text = DEPLOYMENT(
      '    kube-score/ignore: pod-probes\n    kube-linter.io/ignore-all: "x"\n    ignore-check.k8slint.io/unpinned-image: "pinned by CI"\n',
    )
      .replace('      hostNetwork: true\n', '')
      .replace(/privileged: true/g, 'privileged: false');
    const unused = lintTexts([{ path: 'deploy.yaml', text }], { rules: [...RULES, 'unpinned-image', 'missing-readiness-probe'] })
      .findings.filter((f) => f.ruleId === 'unused-suppression')
      .map((f) => [f.message, f.severity]);
    expect(unused).toEqual([
      ['suppression of pod-probes matches no finding; remove it', 'info'],
      ['suppression of kube-linter.io/ignore-all matches no finding; remove it', 'info'],
      ['suppression of unpinned-image matches no finding; remove it', 'warning'],
    ]);
  });

  it('an unused # hadolint ignore= is info, so it never fails a run by default', () => {
    const text = 'FROM python:3.12-slim AS build\n# hadolint ignore=DL3042\nRUN pip install --no-cache-dir flask==3.0.0\n';
    const findings = lintTexts([{ path: 'Dockerfile', text }], { rules: ['pip-install-cache'] }).findings;
    expect(findings.map((f) => [f.ruleId, f.severity, f.span.line])).toEqual([['unused-suppression', 'info', 2]]);
  });
});

describe('per-container suppression', () => {
  it('ignore-check.k8slint.io/<rule>: "container=a,b -- reason" suppresses only findings inside those containers', () => {
    const text = DEPLOYMENT('    ignore-check.k8slint.io/privileged-container: "container=sidecar -- the mesh proxy needs it"\n');
    expect(run(text)).toEqual(['host-network:15:warning', 'privileged-container:20:error']);
    const both = DEPLOYMENT('    ignore-check.k8slint.io/privileged-container: "container=app,sidecar -- node agent"\n');
    expect(run(both)).toEqual(['host-network:15:warning']);
  });

  it('a pod-level finding is not inside any container, so a container-scoped suppression leaves it', () => {
    const text = DEPLOYMENT('    ignore-check.k8slint.io/host-network: "container=app -- wrong scope"\n');
    const found = lintTexts([{ path: 'deploy.yaml', text }], { rules: RULES }).findings.map((f) => f.ruleId);
    expect(found).toEqual(['unused-suppression', 'host-network', 'privileged-container', 'privileged-container']);
  });

  it('a container-scoped suppression without a reason is reported as such', () => {
    const text = DEPLOYMENT('    ignore-check.k8slint.io/privileged-container: "container=app"\n');
    const found = lintTexts([{ path: 'deploy.yaml', text }], { rules: RULES }).findings.map((f) => f.ruleId);
    expect(found).toEqual(['missing-suppression-reason', 'host-network', 'privileged-container']);
  });
});

describe('config ignores', () => {
  const parse = (path: string, text: string): ParsedFile[] => [
    parseFile({ path, displayPath: path, kind: 'kubernetes', text, explicit: true }) as ParsedFile,
  ];
  const lintWith = (ignores: ConfigIgnore[], path = 'charts/vendor/templates/deploy.yaml') =>
    lint(parse(path, DEPLOYMENT()), {
      registry,
      rules: [...RULES.map((id) => registry.byId(id)), registry.internalError],
      ruleOptions: new Map(),
      severities: new Map(),
      kubernetesVersion: '1.36',
      ignores,
    }).findings.map((f) => `${f.ruleId}:${f.span.line}`);
  const reason = 'third-party chart';

  it('match by rule id or alias, kind, name, namespace, path glob and container glob; every given field must match', () => {
    expect(lintWith([{ rule: 'hostNetworkSet', reason }])).toEqual(['privileged-container:18', 'privileged-container:22']);
    expect(lintWith([{ rule: 'privileged-container', kind: 'deployment', name: 'w*', namespace: 'shop', reason }])).toEqual([
      'host-network:13',
    ]);
    expect(lintWith([{ rule: 'privileged-container', namespace: 'other', reason }])).toHaveLength(3);
    expect(lintWith([{ rule: 'privileged-container', container: 'side*', reason }])).toEqual([
      'host-network:13',
      'privileged-container:18',
    ]);
    expect(lintWith([{ rule: 'host-network', path: 'charts/**/*.yaml', reason }])).toEqual([
      'privileged-container:18',
      'privileged-container:22',
    ]);
    expect(lintWith([{ rule: 'host-network', path: 'charts/vendor', reason }])).toHaveLength(2);
    expect(lintWith([{ rule: 'host-network', path: 'charts/other/**', reason }])).toHaveLength(3);
  });

  it('globs: * stays within a path segment, ** crosses them, a directory covers what is under it', () => {
    expect(globMatcher('charts/*.yaml', true)('charts/a/b.yaml')).toBe(false);
    expect(globMatcher('charts/**/b.yaml', true)('charts/b.yaml')).toBe(true);
    expect(globMatcher('charts/**/b.yaml', true)('charts/a/c/b.yaml')).toBe(true);
    expect(globMatcher('charts/**/b.yaml', true)('charts/ab.yaml')).toBe(false);
    expect(globMatcher('./vendor/', true)('vendor/x/y.yaml')).toBe(true);
    expect(globMatcher('istio-*')('istio-proxy')).toBe(true);
    expect(globMatcher('istio-*')('my-istio-proxy')).toBe(false);
  });

  const configFile = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-ignores-'));
    writeFileSync(join(dir, '.k8slint.yaml'), text);
    return join(dir, '.k8slint.yaml');
  };

  it('the config loads ignores; a reason is required and an unknown rule is an error with a suggestion', () => {
    const ok = loadConfig(configFile('ignores:\n  - {rule: latest-tag, path: "charts/**", reason: vendored}\n'), registry.all);
    expect(ok.ignores).toEqual([{ rule: 'latest-tag', path: 'charts/**', reason: 'vendored' }]);
    expect(() => loadConfig(configFile('ignores:\n  - {rule: host-network}\n'), registry.all)).toThrow(ConfigError);
    expect(() => loadConfig(configFile('ignores:\n  - {rule: host-netwrk, reason: x}\n'), registry.all)).toThrow(
      /unknown rule "host-netwrk" \(did you mean "host-network"\?\)/,
    );
    expect(() => loadConfig(configFile('ignores:\n  - {rule: host-network, reason: x, containr: a}\n'), registry.all)).toThrow(/containr/);
  });
});
