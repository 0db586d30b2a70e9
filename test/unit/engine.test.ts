import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts, registry } from '../../src/index.js';
import { lint, parseFile, type ParsedFile } from '../../src/engine/lint.js';
import { defineRule } from '../../src/engine/rule.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';

const POD = (extra = '', annotations = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
${annotations}spec:
${extra}  containers:
    - name: web
      image: nginx:latest
`;

describe('suppressions', () => {
  it('a next-line comment with a reason suppresses exactly the next line', () => {
    const text = POD().replace('      image: nginx:latest', '      # k8slint-disable-next-line unpinned-image -- pinned by the release pipeline\n      image: nginx:latest');
    const { findings } = lintTexts([{ path: 'p.yaml', text }], { rules: ['unpinned-image'] });
    expect(findings).toEqual([]);
  });

  it('a disable-file comment covers the file; peers\' ids work through aliases', () => {
    const text = '# k8slint-disable-file latest-tag -- demo manifests\n' + POD();
    expect(lintTexts([{ path: 'p.yaml', text }], { rules: ['unpinned-image'] }).findings).toEqual([]);
  });

  it('an annotation on the object suppresses its findings; one that matches nothing is reported', () => {
    const used = POD('  hostNetwork: true\n', '  annotations:\n    ignore-check.k8slint.io/host-network: "node agent"\n');
    expect(lintTexts([{ path: 'p.yaml', text: used }], { rules: ['host-network'] }).findings).toEqual([]);
    const unused = POD('', '  annotations:\n    ignore-check.k8slint.io/host-network: "node agent"\n');
    const findings = lintTexts([{ path: 'p.yaml', text: unused }], { rules: ['host-network'] }).findings;
    expect(findings.map((f) => [f.ruleId, f.span.line, f.span.column])).toEqual([['unused-suppression', 6, 5]]);
  });

  it('a suppression without a reason is reported but still applies', () => {
    const text = 'FROM alpine:3.20\n# k8slint-disable-next-line maintainer-deprecated\nMAINTAINER x\n';
    const findings = lintTexts([{ path: 'Dockerfile', text }], { rules: ['maintainer-deprecated'] }).findings;
    expect(findings.map((f) => [f.ruleId, f.span.line])).toEqual([['missing-suppression-reason', 2]]);
  });

  it('# hadolint ignore= covers the whole next instruction', () => {
    const text = 'FROM debian:12\n# hadolint ignore=DL3014\nRUN apt-get update && \\\n    apt-get install curl\n';
    expect(lintTexts([{ path: 'Dockerfile', text }], { rules: ['apt-get-install-yes'] }).findings).toEqual([]);
  });
});

describe('engine', () => {
  const throwing = defineRule({
    meta: { ...registry.byId('host-network').meta, id: 'always-throws', aliases: [] },
    handlers: { 'k8s:object': () => { throw new Error('boom'); } },
  });

  it('turns a rule that throws into an internal-error finding and keeps running the others', () => {
    const parsed = [parseFile({ path: 'p.yaml', displayPath: 'p.yaml', kind: 'kubernetes', text: POD(), explicit: true })] as ParsedFile[];
    const { findings } = lint(parsed, {
      registry,
      rules: [throwing, registry.byId('unpinned-image'), registry.internalError],
      ruleOptions: new Map(),
      severities: new Map(),
      kubernetesVersion: '1.36',
    });
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['internal-error', 'rule always-throws failed on p.yaml: boom'],
      ['unpinned-image', 'container "web" image "nginx:latest" uses the mutable tag "latest"'],
    ]);
  });

  it('applies severity overrides and reports the object of each finding', () => {
    const parsed = [parseFile({ path: 'p.yaml', displayPath: 'p.yaml', kind: 'kubernetes', text: POD(), explicit: true })] as ParsedFile[];
    const { findings } = lint(parsed, { registry, rules: [registry.byId('unpinned-image')], ruleOptions: new Map(), severities: new Map([['unpinned-image', 'error']]), kubernetesVersion: '1.36' });
    expect(findings.map((f) => [f.severity, f.object])).toEqual([['error', 'Pod/web']]);
  });

  it('reports YAML syntax errors as input errors with their line', () => {
    const result = parseFile({ path: 'b.yaml', displayPath: 'b.yaml', kind: 'kubernetes', text: 'a: [1, 2\nb: 3\n', explicit: true });
    expect(result).toMatchObject({ file: 'b.yaml', line: 2 });
  });
});

describe('config', () => {
  const write = (text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'k8slint-config-')), '.k8slint.yaml');
    writeFileSync(path, text);
    return path;
  };

  it('loads rules, severities, ignore paths and the failure threshold', () => {
    const config = loadConfig(write('failOn: error\nignorePaths: [vendor/]\nrules:\n  unpinned-image: off\n  host-network: { severity: error }\n'), registry.all);
    expect(config).toMatchObject({ failOn: 'error', ignorePaths: ['vendor/'], rules: { 'unpinned-image': 'off', 'host-network': { severity: 'error' } } });
  });

  it.each([
    ['rules:\n  unpinned-imag: off\n', 'unknown key "unpinned-imag" in rules (did you mean "unpinned-image"?)'],
    ['rules:\n  DL3007: off\n', 'unknown key "DL3007" in rules (it is an alias of unpinned-image)'],
    ['failon: error\n', 'unknown key "failon" in top level (did you mean "failOn"?)'],
    ['failOn: sometimes\n', 'failOn must be one of error, warning, info, none'],
    ['rules: [\n', 'invalid YAML'],
  ])('rejects %j with a message naming the key', (text, message) => {
    expect(() => loadConfig(write(text), registry.all)).toThrow(ConfigError);
    expect(() => loadConfig(write(text), registry.all)).toThrow(message);
  });
});
