import { describe, expect, it } from 'vitest';
import { lintTexts } from '../src/index.js';
import { buildKubernetesModel } from '../src/model/k8s-build.js';
import { SchemaProvider } from '../src/schema/provider.js';
import { bundledVersionFor } from '../src/schema/versions.js';
import { judgeApi } from '../src/schema/deprecations.js';
import { crdToJsonSchema } from '../src/schema/crd.js';
import type { SourceFile } from '../src/types.js';
import { defined } from './helpers/defined.js';

const SCHEMA_RULES = [
  'schema-unknown-field',
  'schema-type',
  'schema-required-field',
  'schema-enum',
  'schema-invalid-value',
  'duplicate-key',
  'unknown-kind-schema',
];

function source(text: string, path = 'x.yaml'): SourceFile {
  return { path, displayPath: path, kind: 'kubernetes', text, explicit: true };
}

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1}
                port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                mode: {type: string, enum: [fast, slow]}
    - name: v0
      served: false
      storage: false
`;

describe('schema versions', () => {
  it('picks the newest bundled version at or below the target, else the oldest', () => {
    expect(bundledVersionFor('1.36').version).toBe('1.36.0');
    expect(bundledVersionFor('1.35').version).toBe('1.34.0');
    expect(bundledVersionFor('1.33.7').version).toBe('1.33.0');
    expect(bundledVersionFor('1.40').version).toBe('1.36.0');
    expect(bundledVersionFor('1.29').version).toBe('1.32.0');
  });

  it('validates against the selected version: a kind only newer releases serve has no schema in older ones', () => {
    const text = 'apiVersion: storage.k8s.io/v1\nkind: VolumeAttributesClass\nmetadata:\n  name: gold\ndriverName: x\n';
    const ids = (v: string) =>
      lintTexts([{ path: 'v.yaml', text }], { rules: ['unknown-kind-schema'], kubernetesVersion: v }).findings.map((f) => f.ruleId);
    expect(ids('1.36')).toEqual([]);
    expect(ids('1.32')).toEqual(['unknown-kind-schema']);
  });
});

describe('schema validation', () => {
  it('does not parse positions of a file without findings (js-yaml values only)', () => {
    const model = buildKubernetesModel(
      source(
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n',
      ),
    );
    const provider = new SchemaProvider({ kubernetesVersion: '1.36' });
    for (const o of model.objects) expect(provider.issues(o)).toEqual([]);
    expect(model.file.hasDuplicateKeys).toBe(false);
    expect((model.file as unknown as { astByDocument: Map<number, unknown> }).astByDocument.size).toBe(0);
  });

  it('finds top-level scalar keys without parsing the document, at the same positions the parser gives', () => {
    const text =
      '# c\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: "policy/v1beta1"  # old\nkind: PodDisruptionBudget\nmetadata: {name: b}\n';
    const fast = buildKubernetesModel(source(text));
    const slow = buildKubernetesModel(source(text));
    (slow.file as unknown as { topLevelScalarSpan: () => undefined }).topLevelScalarSpan = () => undefined;
    for (const doc of [0, 1]) {
      for (const part of ['pair', 'key', 'value'] as const) {
        for (const key of ['apiVersion', 'kind']) expect(fast.file.spanOf(doc, [key], part)).toEqual(slow.file.spanOf(doc, [key], part));
      }
    }
    expect(fast.file.spanOf(1, ['apiVersion'], 'value')).toEqual({ line: 7, column: 13, endLine: 7, endColumn: 29 });
    expect((fast.file as unknown as { astByDocument: Map<number, unknown> }).astByDocument.size).toBe(0);
  });

  it('reports a wrong type once, not also as a bad enum value', () => {
    const model = buildKubernetesModel(
      source('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  sessionAffinity: 1\n  ports: [{port: 80}]\n'),
    );
    const issues = new SchemaProvider({ kubernetesVersion: '1.36' }).issues(defined(model.objects[0]));
    expect(issues!.map((i) => i.kind)).toEqual(['type']);
  });

  it('validates each object once, whichever rule asks first', () => {
    const model = buildKubernetesModel(
      source('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: [{name: a, image: b, resource: {}}]\n'),
    );
    const provider = new SchemaProvider({ kubernetesVersion: '1.36' });
    const first = provider.issues(defined(model.objects[0]));
    expect(provider.issues(defined(model.objects[0]))).toBe(first);
    expect(first).toEqual([
      expect.objectContaining({
        kind: 'unknown-field',
        path: ['spec', 'containers', 0, 'resource'],
        message: expect.stringContaining('did you mean "resources"?'),
      }),
    ]);
  });

  it('reports unknown fields at the key, wrong values at the value, with line and column', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: b\n      imagePullPolicy: always\n      resource: {}\n';
    const findings = lintTexts([{ path: 'p.yaml', text }], { rules: SCHEMA_RULES }).findings;
    expect(findings.map((f) => [f.ruleId, f.span.line, f.span.column, f.span.endColumn])).toEqual([
      ['schema-enum', 9, 24, 30],
      ['schema-unknown-field', 10, 7, 15],
    ]);
    expect(defined(findings[0]).message).toBe(
      'spec.containers[0].imagePullPolicy is "always"; allowed values: Always, IfNotPresent, Never (did you mean "Always"?)',
    );
  });

  it('validates custom resources against a CRD in another file of the same run', () => {
    const cr =
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 0\n  port: http\n  mode: medium\n  colour: red\n';
    const result = lintTexts(
      [
        { path: 'crd.yaml', text: CRD },
        { path: 'w.yaml', text: cr },
      ],
      { rules: SCHEMA_RULES },
    );
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.file}:${f.span.line} ${f.ruleId}`)).toEqual([
      'w.yaml:6 schema-invalid-value',
      'w.yaml:8 schema-enum',
      'w.yaml:9 schema-unknown-field',
    ]);
    // The same CR alone: no schema, one info finding.
    const alone = lintTexts([{ path: 'w.yaml', text: cr }], { rules: SCHEMA_RULES });
    expect(alone.findings.map((f) => f.ruleId)).toEqual(['unknown-kind-schema']);
  });

  it('names a version the CRD does not serve', () => {
    const cr = 'apiVersion: example.com/v0\nkind: Widget\nmetadata:\n  name: w\n';
    const result = lintTexts(
      [
        { path: 'crd.yaml', text: CRD },
        { path: 'w.yaml', text: cr },
      ],
      { rules: ['unknown-kind-schema'] },
    );
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: 'unknown-kind-schema',
        message: expect.stringContaining('CustomResourceDefinition widgets.example.com does not serve v0 (it serves v1)'),
      }),
    ]);
  });

  it('with two CRDs for one kind, reports only what both reject', () => {
    const newer = CRD.replace(
      'mode: {type: string, enum: [fast, slow]}',
      'mode: {type: string, enum: [fast, slow]}\n                colour: {type: string}',
    );
    const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 2\n  colour: red\n  shape: round\n';
    const result = lintTexts(
      [
        { path: 'old.yaml', text: CRD },
        { path: 'new.yaml', text: newer },
        { path: 'w.yaml', text: cr },
      ],
      { rules: SCHEMA_RULES },
    );
    expect(result.findings.map((f) => `${f.span.line} ${f.message}`)).toEqual(['8 unknown field "shape" in spec']);
  });

  it('converts structural schemas: preserve-unknown-fields, int-or-string, embedded resources, nullable, defaults', () => {
    const schema = crdToJsonSchema({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          required: ['a', 'b'],
          properties: {
            a: { type: 'string' },
            b: { type: 'integer', default: 3 },
            free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { x: { type: 'string' } } },
            port: { 'x-kubernetes-int-or-string': true },
            pod: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
          },
        },
      },
    }) as {
      properties: {
        metadata: { additionalProperties?: unknown };
        spec: {
          additionalProperties?: unknown;
          required: unknown;
          properties: Record<'free' | 'port' | 'pod', { additionalProperties?: unknown; type?: unknown; properties: object }>;
        };
      };
    };
    const spec = schema.properties.spec;
    expect(spec.additionalProperties).toBe(false);
    expect(spec.required).toEqual(['a']);
    expect(spec.properties.free.additionalProperties).toBeUndefined();
    expect(spec.properties.port.type).toEqual(['integer', 'string', 'null']);
    expect(Object.keys(spec.properties.pod.properties).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(schema.properties.metadata.additionalProperties).toBeUndefined();
  });
});

describe('duplicate keys', () => {
  it('finds each repeated key at its own position; values keep the last occurrence', () => {
    const model = buildKubernetesModel(
      source('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: one\n  k: two\n  j: x\n  k: three\n'),
    );
    expect(model.file.hasDuplicateKeys).toBe(true);
    expect((defined(model.objects[0]).node.value as { data: { k: unknown } }).data.k).toBe('three');
    expect(model.file.duplicateKeys.map((d) => [d.path.join('.'), d.key, d.occurrence, d.span.line, d.span.column, d.firstLine])).toEqual([
      ['data', 'k', 2, 7, 3, 6],
      ['data', 'k', 3, 9, 3, 6],
    ]);
    // Positions of other nodes follow the last occurrence, as the values do.
    expect(defined(model.objects[0]).node.at('data', 'k')!.valueSpan.line).toBe(9);
  });

  it('still reports YAML syntax errors', () => {
    expect(() => buildKubernetesModel(source('a: [\n'))).toThrow(/YAML syntax error/);
  });
});

describe('deprecated and removed APIs', () => {
  it('judges Kubernetes entries against the target version', () => {
    expect(judgeApi('policy/v1beta1', 'PodDisruptionBudget', '1.36')).toMatchObject({
      status: 'removed',
      message: 'policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25; use policy/v1',
    });
    expect(judgeApi('policy/v1beta1', 'PodDisruptionBudget', '1.24')?.status).toBe('deprecated');
    expect(judgeApi('policy/v1beta1', 'PodDisruptionBudget', '1.20')).toBeUndefined();
    expect(judgeApi('apps/v1', 'Deployment', '1.36')).toBeUndefined();
  });

  it('follows replacements that are removed too', () => {
    expect(judgeApi('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.36')?.message).toMatch(
      /use flowcontrol\.apiserver\.k8s\.io\/v1$/,
    );
  });

  it('reports removed add-on APIs as deprecated whatever the target', () => {
    expect(judgeApi('cert-manager.io/v1alpha2', 'Certificate', '1.20')).toMatchObject({
      status: 'deprecated',
      message: expect.stringContaining('removed in cert-manager 1.6'),
    });
  });
});
