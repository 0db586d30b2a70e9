import { describe, expect, it } from 'vitest';
import { buildKubernetesModel } from '../../src/model/k8s-build.js';
import { YamlParseError } from '../../src/parsers/yaml.js';
import type { SourceFile } from '../../src/types.js';
import { defined } from '../helpers/defined.js';

function model(text: string, path = 'x.yaml') {
  const source: SourceFile = { path, displayPath: path, kind: 'kubernetes', text, explicit: true };
  return buildKubernetesModel(source);
}

describe('Kubernetes model', () => {
  it('finds objects in multi-document files and flattens List kinds', () => {
    const m = model(
      [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - apiVersion: v1',
        '    kind: ConfigMap',
        '    metadata: {name: a}',
        '  - apiVersion: v1',
        '    kind: Secret',
        '    metadata: {name: b, namespace: ns}',
        '---',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: svc',
        '',
      ].join('\n'),
    );
    expect(m.objects.map((o) => o.id)).toEqual(['ConfigMap/a', 'Secret/ns/b', 'Service/svc']);
    expect(defined(m.objects[1]).node.get('kind')!.span).toEqual({ line: 8, column: 5, endLine: 8, endColumn: 17 }); // `    kind: Secret`
    expect(defined(m.objects[2]).node.at('metadata', 'name')!.span).toEqual({ line: 15, column: 3, endLine: 15, endColumn: 12 });
  });

  it('finds pod templates in built-in workloads and in custom resources, with every container type', () => {
    const m = model(
      [
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        metadata:',
        '          labels: {app: c}',
        '        spec:',
        '          initContainers: [{name: init, image: busybox}]',
        '          containers:',
        '            - name: main',
        '              image: app:1',
        '          ephemeralContainers: [{name: debug, image: busybox}]',
        '---',
        'apiVersion: ray.io/v1',
        'kind: RayCluster',
        'metadata: {name: r}',
        'spec:',
        '  headGroupSpec:',
        '    template:',
        '      spec:',
        '        containers: [{name: head, image: ray:2}]',
        '  workerGroupSpecs:',
        '    - groupName: gpu',
        '      template:',
        '        spec:',
        '          containers: [{name: worker, image: ray:2}]',
        '---',
        'apiVersion: serving.kserve.io/v1beta1',
        'kind: InferenceService',
        'metadata: {name: i}',
        'spec:',
        '  predictor:',
        '    containers:',
        '      - name: kserve-container',
        '        image: model:1',
      ].join('\n'),
    );
    expect(m.workloads.map((w) => w.object.id)).toEqual(['CronJob/c', 'RayCluster/r', 'RayCluster/r', 'InferenceService/i']);
    expect(m.containers.map((c) => `${c.name}:${c.type}`)).toEqual([
      'init:init',
      'main:regular',
      'debug:ephemeral',
      'head:regular',
      'worker:regular',
      'kserve-container:regular',
    ]);
    expect(defined(m.workloads[0]).templateLabels).toEqual({ app: 'c' });
    expect(defined(m.containers[1]).node.get('image')!.span).toEqual({ line: 14, column: 15, endLine: 14, endColumn: 27 });
  });

  it('handles JSON manifests, CRLF line endings and flow style positions', () => {
    const specLine = '  "spec": {"containers": [{"name": "c", "image": "nginx"}]}';
    const json = model(`{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n${specLine}\n}\n`, 'p.json');
    const column = specLine.indexOf('"image"') + 1;
    expect(defined(json.containers[0]).node.get('image')!.span).toEqual({
      line: 5,
      column,
      endLine: 5,
      endColumn: column + '"image": "nginx"'.length,
    });
    const crlf = model(
      'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n    - name: c\r\n      image: nginx\r\n',
    );
    expect(defined(crlf.containers[0]).node.get('image')!.span).toEqual({ line: 8, column: 7, endLine: 8, endColumn: 19 });
  });

  it('ignores documents without apiVersion and kind', () => {
    expect(model('replicaCount: 1\n---\nkind: Pod\n').objects).toEqual([]);
  });

  it('points at the nearest existing node for missing paths', () => {
    const m = model('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n');
    expect(defined(m.containers[0]).node.nearest(['resources', 'limits']).span).toEqual({ line: 6, column: 7, endLine: 6, endColumn: 14 });
  });
});

describe('Kubernetes model: budgets and odd but valid input', () => {
  const refused = (text: string, path = 'x.yaml'): YamlParseError => {
    const started = Date.now();
    try {
      model(text, path);
    } catch (error) {
      expect(Date.now() - started).toBeLessThan(3000);
      expect(error).toBeInstanceOf(YamlParseError);
      return error as YamlParseError;
    }
    throw new Error('expected an input error');
  };

  it('refuses billion laughs under a custom resource spec, naming the budget and its key', () => {
    let text =
      'apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: x}\nspec:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 10; i++)
      text += `  a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    expect(text.length).toBeLessThan(800);
    expect(refused(text).message).toMatch(/aliases expand it to \d+ nodes, over the 1000000-node budget .*limits\.maxYamlNodes/);
  });

  it('refuses a small List of Lists that expands to a million Pods', () => {
    let text =
      'apiVersion: v1\nkind: List\nx0: &p {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: i}]}}\n';
    text += 'x1: &l1 {apiVersion: v1, kind: List, items: [*p,*p,*p,*p,*p,*p,*p,*p,*p,*p]}\n';
    for (let i = 2; i < 7; i++)
      text += `x${i}: &l${i} {apiVersion: v1, kind: List, items: [${Array(10)
        .fill(`*l${i - 1}`)
        .join(',')}]}\n`;
    text += 'items: [*l6]\n';
    expect(refused(text).message).toContain('limits.maxYamlNodes');
  });

  it('refuses a long string aliased into thousands of containers (expanded text over budget)', () => {
    let text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nx: &img ${'x'.repeat(200_000)}\nspec:\n  containers:\n`;
    for (let i = 0; i < 3000; i++) text += `  - {name: c${i}, image: *img}\n`;
    expect(refused(text).message).toContain('limits.maxFileBytes');
  });

  it('names the document and its line in a multi-document file; a modest alias use is fine', () => {
    const ok = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: &l {app: a}}\ndata: *l\n';
    expect(model(ok).objects).toHaveLength(1);
    const bomb =
      'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n' +
      Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]\n`).join('');
    const error = refused(`${ok}---\n${bomb}`);
    expect(error.message).toMatch(/^document 2: /);
    expect(error.line).toBe(6);
  });

  it('refuses nesting deeper than the depth budget, in YAML and in JSON, fast', () => {
    expect(refused(`{"apiVersion":"v1","kind":"Pod","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'x.json').message).toContain(
      'limits.maxDepth',
    );
    expect(refused(`apiVersion: v1\nkind: Pod\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`).message).toContain('limits.maxDepth');
    const block = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(refused(`apiVersion: v1\nkind: Pod\nx:\n${block.replace(/^/gm, ' ')} 1\n`).message).toContain('limits.maxDepth');
    expect(model(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nx: ${'['.repeat(150)}${']'.repeat(150)}\n`).objects).toHaveLength(1);
    // js-yaml's own default (100) no longer applies: the budget does.
    expect(
      model(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"x":${'['.repeat(150)}${']'.repeat(150)}}`, 'p.json').objects,
    ).toHaveLength(1);
  });

  it('refuses a List over the object budget without a stack overflow, and lets the budget be raised', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } }));
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    const source = { path: 'l.json', displayPath: 'l.json', kind: 'kubernetes' as const, text, explicit: true };
    expect(() => buildKubernetesModel(source, { maxObjectsPerFile: 1000 })).toThrow(
      /more than 1000 Kubernetes objects.*limits\.maxObjectsPerFile/,
    );
    expect(buildKubernetesModel(source, { maxObjectsPerFile: 5000 }).objects).toHaveLength(2000);
  });

  it('accepts the YAML 1.1 tags !!binary, !!timestamp, !!set, !!omap and !!pairs, keeping plain values', () => {
    const m = model(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nbinaryData:\n  x: !!binary aGVsbG8=\ndata:\n  t: !!timestamp 2001-12-14\n  s: !!set {a, b}\n  o: !!omap [a: 1]\n  p: !!pairs [a: 1]\n',
    );
    const data = m.objects[0]!.node.value as Record<string, Record<string, unknown>>;
    expect(data.binaryData?.x).toBe('aGVsbG8=');
    expect(data.data?.t).toBe('2001-12-14');
    expect(data.data?.s).toEqual({ a: null, b: null });
  });

  it('finds duplicate keys in JSON manifests like in YAML ones', () => {
    const m = model(
      '{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": {"name": "a", "name": "b"},\n "data": {"k": "1", "k\\u0031": "2", "k1": "3"}}',
      'x.json',
    );
    expect(m.file.hasDuplicateKeys).toBe(true);
    expect(m.file.duplicateKeys.map((d) => [d.path.join('.'), d.key, d.span.line])).toEqual([
      ['metadata', 'name', 2],
      ['data', 'k1', 3],
    ]);
    expect(
      model('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": [{"k": "1"}, {"k": "2"}]}', 'y.json').file
        .hasDuplicateKeys,
    ).toBe(false);
  });

  it('a label value that is a mapping (even with a toString key) is skipped, not a crash', () => {
    const m = model('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: {toString: 1}\n    b: 2\n');
    expect(m.objects[0]!.labels).toEqual({ b: '2' });
  });

  it('lone-CR line endings give the same positions as LF ones', () => {
    const lf = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n';
    const spans = (text: string) => {
      const m = model(text);
      return [m.containers[0]!.node.span, m.containers[0]!.node.get('image')!.span, m.objects[0]!.node.at('metadata', 'name')!.span];
    };
    expect(spans(lf.replace(/\n/g, '\r'))).toEqual(spans(lf));
    expect(spans(lf)[1]).toEqual({ line: 8, column: 7, endLine: 8, endColumn: 26 });
  });
});
