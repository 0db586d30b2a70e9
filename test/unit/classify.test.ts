import { describe, expect, it } from 'vitest';
import { classifyContent, typesByPattern } from '../../src/discover/classify.js';
import { templateActionLine } from '../../src/discover/helm.js';
import { mapSources } from '../../src/cli/helm.js';

describe('classifyContent (unnamed stdin)', () => {
  it.each([
    ['FROM ubuntu\n', 'dockerfile'],
    ['# syntax=docker/dockerfile:1\n\n# build\nARG BASE=debian\nFROM $BASE\n', 'dockerfile'],
    ['from alpine as build\nrun echo\n', 'dockerfile'],
    ['apiVersion: v1\nkind: Pod\n', 'kubernetes'],
    ['---\n# Source: app/templates/svc.yaml\napiVersion: v1\nkind: Service\n', 'kubernetes'],
    ['{"apiVersion": "v1", "kind": "List", "items": []}', 'kubernetes'],
    ['services:\n  web:\n    image: nginx\n', 'compose'],
    ['version: "3.8"\nservices: # the app\n  db:\n    image: postgres\n', 'compose'],
    // A manifest with a top-level services key is still a manifest; YAML keys are not instructions.
    ['apiVersion: example.com/v1\nkind: App\nservices:\n  - a\n', 'kubernetes'],
    ['FROM: x\n', 'kubernetes'],
    ['', 'kubernetes'],
  ])('%j is %s', (text, type) => {
    expect(classifyContent(text)).toBe(type);
  });
});

describe('typesByPattern (config files:)', () => {
  it('matches gitignore-style patterns relative to cwd, the last match winning', () => {
    const typeOf = typesByPattern({ 'Dockerfile-*': 'dockerfile', 'legacy/': 'kubernetes', 'legacy/Dockerfile-old': 'compose' }, '/repo');
    expect(typeOf('/repo/build/Dockerfile-gpu')).toBe('dockerfile');
    expect(typeOf('/repo/legacy/Dockerfile-old')).toBe('compose');
    expect(typeOf('/repo/legacy/x.tmpl')).toBe('kubernetes');
    expect(typeOf('/repo/other.txt')).toBeUndefined();
    expect(typeOf('/elsewhere/Dockerfile-gpu')).toBeUndefined();
  });
});

describe('templateActionLine', () => {
  it.each([
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n', 4],
    ['{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\n{{- end }}\n', 1],
    ['spec:\n  containers:\n    - name: c\n      env:\n        {{- toYaml .Values.env | nindent 8 }}\n', 5],
    ['items:\n  - {{ .Values.x }}\n', 2],
    ['data:\n  a: |\n    {{ text }}\nb: {{ x }}\n', 4],
  ])('finds the structural action in %j', (text, line) => {
    expect(templateActionLine(text)).toBe(line);
  });

  it.each([
    'metadata:\n  annotations:\n    summary: "{{ $labels.instance }} down"\n    other: \'{{ x }}\'\n',
    'data:\n  alert.tmpl: |\n    {{ define "slack" }}\n    {{ range .Alerts }}{{ .Labels.alertname }}{{ end }}\n    {{ end }}\n',
    'args:\n  - |\n    {{ template "x" . }}\n  - >-\n    {{ y }}\n',
    '- name: a\n  script: |-\n    echo {{x}}\n  other: 1\n',
    '# {{ .Values.comment }}\nkind: Pod\n',
    'message: Pod {{ $labels.pod }} is down\n',
  ])('counts no action in text: %j', (text) => {
    expect(templateActionLine(text)).toBeUndefined();
  });
});

describe('mapSources (--helm)', () => {
  it('keeps sources of a chart that is not a local folder as helm wrote them', () => {
    const out = '# Source: nginx/templates/svc.yaml\nkind: Service\n';
    expect(mapSources(out, 'bitnami/nginx', '/nonexistent-cwd')).toBe(out);
  });
});
