import { describe, expect, it } from 'vitest';
import { buildKubernetesModel } from '../../src/model/k8s-build.js';
import type { SourceFile } from '../../src/types.js';

function model(text: string, path = 'x.yaml') {
  const source: SourceFile = { path, displayPath: path, kind: 'kubernetes', text, explicit: true };
  return buildKubernetesModel(source);
}

describe('Kubernetes model', () => {
  it('finds objects in multi-document files and flattens List kinds', () => {
    const m = model([
      'apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: v1', '    kind: ConfigMap', '    metadata: {name: a}',
      '  - apiVersion: v1', '    kind: Secret', '    metadata: {name: b, namespace: ns}',
      '---', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: svc', '',
    ].join('\n'));
    expect(m.objects.map((o) => o.id)).toEqual(['ConfigMap/a', 'Secret/ns/b', 'Service/svc']);
    expect(m.objects[1].node.get('kind')!.span).toEqual({ line: 8, column: 5, endLine: 8, endColumn: 17 }); // `    kind: Secret`
    expect(m.objects[2].node.at('metadata', 'name')!.span).toEqual({ line: 15, column: 3, endLine: 15, endColumn: 12 });
  });

  it('finds pod templates in built-in workloads and in custom resources, with every container type', () => {
    const m = model([
      'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec:', '  jobTemplate:', '    spec:', '      template:',
      '        metadata:', '          labels: {app: c}', '        spec:',
      '          initContainers: [{name: init, image: busybox}]', '          containers:', '            - name: main', '              image: app:1',
      '          ephemeralContainers: [{name: debug, image: busybox}]',
      '---', 'apiVersion: ray.io/v1', 'kind: RayCluster', 'metadata: {name: r}', 'spec:', '  headGroupSpec:', '    template:', '      spec:',
      '        containers: [{name: head, image: ray:2}]', '  workerGroupSpecs:', '    - groupName: gpu', '      template:', '        spec:',
      '          containers: [{name: worker, image: ray:2}]',
      '---', 'apiVersion: serving.kserve.io/v1beta1', 'kind: InferenceService', 'metadata: {name: i}', 'spec:', '  predictor:',
      '    containers:', '      - name: kserve-container', '        image: model:1',
    ].join('\n'));
    expect(m.workloads.map((w) => w.object.id)).toEqual(['CronJob/c', 'RayCluster/r', 'RayCluster/r', 'InferenceService/i']);
    expect(m.containers.map((c) => `${c.name}:${c.type}`)).toEqual(['init:init', 'main:regular', 'debug:ephemeral', 'head:regular', 'worker:regular', 'kserve-container:regular']);
    expect(m.workloads[0].templateLabels).toEqual({ app: 'c' });
    expect(m.containers[1].node.get('image')!.span).toEqual({ line: 14, column: 15, endLine: 14, endColumn: 27 });
  });

  it('handles JSON manifests, CRLF line endings and flow style positions', () => {
    const specLine = '  "spec": {"containers": [{"name": "c", "image": "nginx"}]}';
    const json = model(`{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n${specLine}\n}\n`, 'p.json');
    const column = specLine.indexOf('"image"') + 1;
    expect(json.containers[0].node.get('image')!.span).toEqual({ line: 5, column, endLine: 5, endColumn: column + '"image": "nginx"'.length });
    const crlf = model('apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n    - name: c\r\n      image: nginx\r\n');
    expect(crlf.containers[0].node.get('image')!.span).toEqual({ line: 8, column: 7, endLine: 8, endColumn: 19 });
  });

  it('ignores documents without apiVersion and kind', () => {
    expect(model('replicaCount: 1\n---\nkind: Pod\n').objects).toEqual([]);
  });

  it('points at the nearest existing node for missing paths', () => {
    const m = model('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n');
    expect(m.containers[0].node.nearest(['resources', 'limits']).span).toEqual({ line: 6, column: 7, endLine: 6, endColumn: 14 });
  });
});
