import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts, registry } from '../../src/index.js';
import { lint, parseFile, type ParsedFile } from '../../src/engine/lint.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import type { SourceFile } from '../../src/types.js';
import type { ModelNode } from '../../src/model/node.js';
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
    const text = POD().replace(
      '      image: nginx:latest',
      '      # k8slint-disable-next-line unpinned-image -- pinned by the release pipeline\n      image: nginx:latest',
    );
    const { findings } = lintTexts([{ path: 'p.yaml', text }], { rules: ['unpinned-image'] });
    expect(findings).toEqual([]);
  });

  it("a disable-file comment covers the file; peers' ids work through aliases", () => {
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
    handlers: {
      'k8s:object': () => {
        throw new Error('boom');
      },
    },
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
    const { findings } = lint(parsed, {
      registry,
      rules: [registry.byId('unpinned-image')],
      ruleOptions: new Map(),
      severities: new Map([['unpinned-image', 'error']]),
      kubernetesVersion: '1.36',
    });
    expect(findings.map((f) => [f.severity, f.object])).toEqual([['error', 'Pod/web']]);
  });

  it('reports YAML syntax errors as input errors with their line', () => {
    const result = parseFile({ path: 'b.yaml', displayPath: 'b.yaml', kind: 'kubernetes', text: 'a: [1, 2\nb: 3\n', explicit: true });
    expect(result).toMatchObject({ file: 'b.yaml', line: 2 });
  });
});

describe('rule targets and owners', () => {
  const meta = (id: string) => ({ ...registry.byId('host-network').meta, id, aliases: [] });
  const source = (path: string, text: string, explicit = true): SourceFile => ({
    path,
    displayPath: path,
    kind: path.includes('Dockerfile') ? 'dockerfile' : 'kubernetes',
    text,
    explicit,
  });
  const parse = (...sources: SourceFile[]): ParsedFile[] => sources.map((s) => parseFile(s) as ParsedFile);
  const run = (parsed: ParsedFile[], rules: Rule[]) => {
    const all = new RuleRegistry([...registry.all, ...rules]);
    const enabled = [...rules, registry.internalError, registry.byId('unused-suppression')];
    return lint(parsed, { registry: all, rules: enabled, ruleOptions: new Map(), severities: new Map(), kubernetesVersion: '1.36' })
      .findings;
  };
  const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: first}
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: second}
`;

  it('k8s:file sees every Kubernetes file once, with its objects and whether it was named', () => {
    const seen: string[] = [];
    const perFile = defineRule({
      meta: meta('per-file'),
      handlers: {
        'k8s:file': (model, ctx) => {
          seen.push(`${model.file.source.displayPath}:${model.objects.length}:${model.file.source.explicit}`);
          ctx.report({ at: model.start, message: 'file' });
        },
      },
    });
    const findings = run(parse(source('values.yaml', 'replicas: 2\n', false), source('list.yaml', LIST)), [perFile]);
    expect(seen).toEqual(['values.yaml:0:false', 'list.yaml:2:true']);
    expect(findings.map((f) => [f.file, f.span.line, f.span.column, f.object])).toEqual([
      ['list.yaml', 1, 1, undefined],
      ['values.yaml', 1, 1, undefined],
    ]);
  });

  it('no-kubernetes-objects reports named files only', () => {
    const rule = registry.byId('no-kubernetes-objects');
    const named = run(parse(source('values.yaml', 'replicas: 2\n')), [rule]);
    expect(named.map((f) => [f.ruleId, f.file, f.span.line])).toEqual([['no-kubernetes-objects', 'values.yaml', 1]]);
    expect(run(parse(source('values.yaml', 'replicas: 2\n', false)), [rule])).toEqual([]);
  });

  it('a finding at a node of a List item belongs to that item, from k8s:object and from k8s:all', () => {
    const names = defineRule({
      meta: meta('names'),
      handlers: {
        'k8s:object': (object, ctx) => ctx.report({ at: object.node.at('metadata', 'name')!, message: 'object' }),
        'k8s:all': (objects, ctx) => {
          for (const o of [...objects].reverse()) ctx.report({ at: o.node.get('kind')!.valueOnly(), message: 'all' });
        },
      },
    });
    const findings = run(parse(source('list.yaml', LIST)), [names]);
    expect(findings.map((f) => [f.message, f.span.line, f.object])).toEqual([
      ['all', 5, 'ConfigMap/first'],
      ['object', 6, 'ConfigMap/first'],
      ['all', 8, 'ConfigMap/second'],
      ['object', 9, 'ConfigMap/second'],
    ]);
  });

  it('every node reached from an object knows that object (List items are objects of their own)', () => {
    const model = parse(source('list.yaml', LIST))[0]!.kubernetes!;
    const [first, second] = model.objects;
    expect(first!.node.path).toEqual(['items', 0]);
    expect(first!.node.at('metadata', 'name')!.object).toBe(first);
    expect(second!.node.get('kind')!.key().object).toBe(second);
    expect(second!.node.entries().map(([, node]) => node.object)).toEqual([second, second, second]);
  });

  it('a duplicate key is a located node of the YAML layer and its finding belongs to the object checked', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  mode: prod\n  mode: dev\n';
    const findings = run(parse(source('cm.yaml', text)), [registry.byId('duplicate-key')]);
    expect(findings.map((f) => [f.ruleId, f.span.line, f.span.column, f.span.endColumn, f.object])).toEqual([
      ['duplicate-key', 7, 3, 7, 'ConfigMap/app'],
    ]);
  });

  const DOCKERFILE =
    'FROM alpine:3.20\n# hadolint ignore=XY0002\nRUN echo one\n# k8slint-disable-next-line xy0003 -- reason\nRUN echo two\n';
  const analyzer = (onCall: (count: number) => void) =>
    defineRule({
      meta: { ...meta('fake-analyzer'), category: 'dockerfile' },
      codes: /^XY\d{4}$/i,
      handlers: {
        'dockerfile:all': (models, ctx) => {
          onCall(models.length);
          for (const model of models) {
            for (const [i, run] of model.instructions.filter((inst) => inst.keyword === 'RUN').entries()) {
              ctx.report({ at: run, message: `XY000${i + 1}: first`, code: `XY000${i + 1}`, severity: 'info' });
              ctx.report({ at: run, message: `XY000${i + 2}: second`, code: `XY000${i + 2}` });
            }
          }
        },
      },
    });

  it('an external analyzer gets every Dockerfile in one call; suppressions match its findings by code', () => {
    const calls: number[] = [];
    const findings = run(parse(source('a/Dockerfile', DOCKERFILE), source('b/Dockerfile', 'FROM alpine:3.20\nRUN echo\n')), [
      analyzer((n) => calls.push(n)),
    ]);
    expect(calls).toEqual([2]);
    expect(findings.map((f) => `${f.file}:${f.span.line} ${f.ruleId} ${f.severity} ${f.message}`)).toEqual([
      'a/Dockerfile:3 fake-analyzer info XY0001: first',
      'a/Dockerfile:5 fake-analyzer info XY0002: first',
      'b/Dockerfile:2 fake-analyzer info XY0001: first',
      'b/Dockerfile:2 fake-analyzer warning XY0002: second',
    ]);
  });

  it('a suppression naming a code nobody reports is unused; an unknown word is not a code', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=XY0009,ZZ0001\nRUN echo one\n';
    const findings = run(parse(source('Dockerfile', text)), [analyzer(() => undefined)]);
    expect(findings.filter((f) => f.ruleId === 'unused-suppression').map((f) => f.message)).toEqual([
      'suppression of XY0009 matches no finding; remove it',
    ]);
  });

  it('a handler over many files that reports a location without its file fails like a throwing rule', () => {
    // The cast forges what the type forbids (a node without its file); the engine must still refuse it at run time.
    const vague = defineRule({
      meta: { ...meta('vague'), category: 'dockerfile' },
      handlers: {
        'dockerfile:all': (models, ctx) => ctx.report({ at: { span: models[0]!.instructions[0]!.span } as ModelNode, message: 'where?' }),
      },
    });
    expect(run(parse(source('Dockerfile', 'FROM alpine:3.20\n')), [vague]).map((f) => [f.ruleId, f.message])).toEqual([
      ['internal-error', 'rule vague failed on Dockerfile: rule vague reported at a location without its file'],
    ]);
  });

  it('an external analyzer that throws becomes an internal-error finding, and the other rules still run', () => {
    const failing = defineRule({
      meta: { ...meta('failing-analyzer'), category: 'dockerfile' },
      handlers: {
        'dockerfile:all': () => {
          throw new Error('cannot run analyzer');
        },
      },
    });
    const findings = run(parse(source('Dockerfile', 'FROM alpine:3.20\nMAINTAINER x\n')), [
      failing,
      registry.byId('maintainer-deprecated'),
    ]);
    expect(findings.map((f) => [f.ruleId, f.message.slice(0, 48)])).toEqual([
      ['internal-error', 'rule failing-analyzer failed on Dockerfile: cann'],
      ['maintainer-deprecated', 'MAINTAINER is deprecated; use LABEL org.opencont'],
    ]);
  });
});

describe('config', () => {
  const write = (text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'k8slint-config-')), '.k8slint.yaml');
    writeFileSync(path, text);
    return path;
  };

  it('loads rules, severities, ignore paths and the failure threshold', () => {
    const config = loadConfig(
      write('failOn: error\nignorePaths: [vendor/]\nrules:\n  unpinned-image: off\n  host-network: { severity: error }\n'),
      registry.all,
    );
    expect(config).toMatchObject({
      failOn: 'error',
      ignorePaths: ['vendor/'],
      rules: { 'unpinned-image': 'off', 'host-network': { severity: 'error' } },
    });
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
