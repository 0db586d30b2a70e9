import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { loadCustomRules } from '../../src/policy/custom/index.js';
import type { Rule } from '../../src/engine/rule.js';
import { DEFAULT_CEL_COST_LIMIT } from '../../src/util/cel/index.js';
import { lintProjectWith, lintWith } from './custom-helpers.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** One rule from an inline definition (no files, no config): fails the test on a load error. */
function rule(definition: Record<string, unknown>): Rule {
  const { rules, errors } = loadCustomRules({
    configDir: '/nonexistent',
    inline: [
      {
        id: 'team-rule',
        title: 'A team rule',
        severity: 'warning',
        category: 'reliability',
        rationale: 'r',
        remediation: 'r',
        ...definition,
      },
    ],
    reserved: allRules,
  });
  expect(errors.map((e) => e.message)).toEqual([]);
  return rules[0]!;
}

const at = (findings: ReturnType<typeof lintWith>) => findings.map((f) => `${f.span.line}:${f.span.column} ${f.severity} ${f.message}`);

const DEPLOYMENTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: a
  namespace: shop
  labels: {tier: web}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
        - name: sidecar
          image: envoy
          securityContext: {readOnlyRootFilesystem: true}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: b
  namespace: batch
  labels: {tier: worker}
spec:
  template:
    spec:
      containers:
        - name: worker
          image: worker
`;

describe('custom rules on Kubernetes objects', () => {
  it('runs a validation per container and points at the container field, or the deepest node when it is missing', () => {
    const r = rule({
      match: { kubernetes: { kinds: ['Deployment'] } },
      validations: [
        {
          forEach: 'containers',
          path: 'securityContext.readOnlyRootFilesystem',
          expression: 'self == true',
          messageExpression: "'container ' + container.name + ' of ' + object.metadata.name + ' has a writable root'",
        },
      ],
    });
    expect(at(lintWith([r], [{ path: 'd.yaml', text: DEPLOYMENTS }]))).toEqual([
      '11:11 warning container web of a has a writable root',
      '27:11 warning container worker of b has a writable root',
    ]);
  });

  it('selects by namespace, excluded namespace and label selector', () => {
    const base = { validations: [{ expression: 'false', message: 'hit' }] };
    const hits = (match: Record<string, unknown>) =>
      lintWith([rule({ ...base, match: { kubernetes: match } })], [{ path: 'd.yaml', text: DEPLOYMENTS }]).map((f) => f.span.line);
    expect(hits({ namespaces: ['shop'] })).toEqual([4]);
    expect(hits({ excludedNamespaces: ['shop'] })).toEqual([20]);
    expect(hits({ labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['worker'] }] } })).toEqual([20]);
    expect(hits({ labelSelector: { matchLabels: { tier: 'web' } } })).toEqual([4]);
    expect(hits({ apiGroups: [''] })).toEqual([]);
    expect(hits({ kinds: ['Deploy*'], apiGroups: ['apps'] })).toEqual([4, 20]);
  });

  it('evaluates once per item of a [*] path and points at the failing item', () => {
    const r = rule({
      match: { kubernetes: { kinds: ['Deployment'] } },
      validations: [{ path: 'spec.template.spec.containers[*].image', expression: "self.contains(':')", message: 'untagged' }],
    });
    expect(at(lintWith([r], [{ path: 'd.yaml', text: DEPLOYMENTS }]))).toEqual(['14:18 warning untagged', '28:18 warning untagged']);
  });

  it('gives namespaceObject from the run, null when the run has no such Namespace', () => {
    const r = rule({
      match: { kubernetes: { kinds: ['Deployment'] } },
      validations: [
        {
          expression: "namespaceObject != null && 'team' in namespaceObject.metadata.labels",
          messageExpression: "object.metadata.name + (namespaceObject == null ? ': no Namespace in the run' : ': Namespace has no team')",
        },
      ],
    });
    const namespaces = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: shop}\n';
    expect(
      lintWith(
        [r],
        [
          { path: 'd.yaml', text: DEPLOYMENTS },
          { path: 'ns.yaml', text: namespaces },
        ],
      ).map((f) => f.message),
    ).toEqual(['b: no Namespace in the run']);
  });

  it('hands params to the expressions', () => {
    const r = rule({
      params: { maxContainers: 1 },
      match: { kubernetes: { kinds: ['Deployment'] } },
      validations: [{ path: 'spec.template.spec.containers', expression: 'size(containers) <= params.maxContainers', message: 'too many' }],
    });
    expect(at(lintWith([r], [{ path: 'd.yaml', text: DEPLOYMENTS }]))).toEqual(['10:7 warning too many']);
  });

  it('is suppressed by its id like a built-in rule', () => {
    const r = rule({ match: { kubernetes: { kinds: ['Deployment'] } }, validations: [{ path: 'metadata.name', expression: 'false' }] });
    const text = DEPLOYMENTS.replace('  name: a\n', '  name: a # k8slint-disable-line team-rule -- legacy\n');
    expect(at(lintWith([r], [{ path: 'd.yaml', text }]))).toEqual(['20:9 warning A team rule']);
  });

  it('reports a validation once per place when several kustomize builds fail there', () => {
    const root = mkdtempSync(join(tmpdir(), 'k8slint-custom-kustomize-'));
    try {
      const files: Record<string, string> = {
        'base/kustomization.yaml': 'resources: [app.yaml]\n',
        'base/app.yaml':
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: quay.io/other/app\n',
        'overlays/a/kustomization.yaml': 'resources: [../../base]\nimages: [{name: quay.io/other/app, newTag: "1.0"}]\n',
        'overlays/b/kustomization.yaml': 'resources: [../../base]\nimages: [{name: quay.io/other/app, newTag: "2.0"}]\n',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      const r = rule({
        match: { kubernetes: {} },
        validations: [
          { forEach: 'containers', path: 'image', expression: "image.registry == 'ghcr.io'", messageExpression: 'image.reference' },
        ],
      });
      expect(at(lintProjectWith([r], root).findings)).toEqual(['8:14 warning quay.io/other/app:1.0']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('leaves kustomize patches alone', () => {
    const r = rule({ match: { kubernetes: {} }, validations: [{ expression: 'false' }] });
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n$patch: replace\n';
    expect(lintWith([r], [{ path: 'overlay/patch.yaml', text: patch }])).toEqual([]);
  });
});

describe('an expression that fails at run time', () => {
  const EXPLODES =
    '[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, true))))))';

  it('is stopped by the cost budget with a clear message, and the run goes on', () => {
    const budget = rule({
      match: { kubernetes: { kinds: ['Deployment'] } },
      validations: [
        { expression: `object.metadata.name == 'b' || ${EXPLODES}` },
        { expression: "object.metadata.name != 'b'", message: 'b judged' },
      ],
    });
    const other = rule({
      id: 'other-rule',
      match: { kubernetes: {} },
      validations: [{ expression: "object.metadata.name != 'b'", message: 'other rule ran' }],
    });
    const started = Date.now();
    const findings = lintWith([budget, other], [{ path: 'd.yaml', text: DEPLOYMENTS }]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(findings.map((f) => `${f.ruleId} ${f.span.line}:${f.span.column} ${f.severity} ${f.message}`)).toEqual([
      // Findings come sorted by position, then rule.
      `team-rule 4:9 info validations[0] of custom rule team-rule on Deployment/shop/a: the expression was stopped by the CEL cost budget (${DEFAULT_CEL_COST_LIMIT}): it loops or builds too much; the object was not judged`,
      'other-rule 20:9 warning other rule ran',
      'team-rule 20:9 warning b judged',
    ]);
  });

  it('reports an evaluation error or a result that is not a bool as an info finding on that object', () => {
    const r = rule({
      match: { kubernetes: { kinds: ['Deployment'] } },
      validations: [{ expression: 'object.spec.replicas > 1' }, { expression: 'object.metadata.name' }],
    });
    const findings = lintWith([r], [{ path: 'd.yaml', text: DEPLOYMENTS.split('---')[0]! }]);
    expect(findings.map((f) => `${f.severity} ${f.message}`)).toEqual([
      expect.stringMatching(/^info validations\[0\] of custom rule team-rule on Deployment\/shop\/a: the expression failed: .*replicas/),
      'info validations[1] of custom rule team-rule on Deployment/shop/a: the expression gave string "a", not true or false',
    ]);
  });

  it('falls back to message when messageExpression fails', () => {
    const r = rule({
      match: { kubernetes: { kinds: ['Deployment'] } },
      validations: [{ expression: 'false', message: 'plain', messageExpression: 'object.nothing.here' }],
    });
    expect(lintWith([r], [{ path: 'd.yaml', text: DEPLOYMENTS }]).map((f) => f.message)).toEqual(['plain', 'plain']);
  });
});

describe('custom rules on Dockerfiles', () => {
  const DOCKERFILE = `ARG BASE=python:3.12
FROM golang:1.23 AS build
RUN --mount=type=cache,target=/root/.cache go build ./...
FROM build AS test
FROM \${BASE}
USER 0
COPY --from=build /out /app
`;

  it('binds instruction, stage and the parsed FROM image; a stage reference has no image', () => {
    const r = rule({
      match: { dockerfile: { instructions: ['FROM'] } },
      validations: [
        {
          path: 'image',
          expression: 'false',
          messageExpression:
            "instruction.keyword + ' ' + (image == null ? 'stage ' + stage.fromStage : image.name + ':' + image.tag) + (stage.isFinal ? ' final' : '')",
        },
      ],
    });
    expect(at(lintWith([r], [{ path: 'Dockerfile', text: DOCKERFILE }]))).toEqual([
      '2:6 warning FROM docker.io/library/golang:1.23',
      '4:6 warning FROM stage build',
      '5:6 warning FROM docker.io/library/python:3.12 final',
    ]);
  });

  it('keeps to the final stage with stages: final, and points at a flag', () => {
    const user = rule({
      match: { dockerfile: { instructions: ['user', 'RUN'], stages: 'final' } },
      validations: [{ path: 'keyword', expression: "instruction.arguments != ['0']", message: 'root' }],
    });
    expect(at(lintWith([user], [{ path: 'Dockerfile', text: DOCKERFILE }]))).toEqual(['6:1 warning root']);
    const mount = rule({
      match: { dockerfile: { instructions: ['RUN'] } },
      validations: [{ path: 'flags.mount', expression: "!('mount' in instruction.flags)", message: 'cache mount' }],
    });
    expect(at(lintWith([mount], [{ path: 'Dockerfile', text: DOCKERFILE }]))).toEqual(['3:13 warning cache mount']);
  });
});

describe('custom rules on Compose services', () => {
  const COMPOSE = `services:
  web:
    image: nginx:1.27
    ports: ["80:80"]
  worker:
    build: .
  web-admin:
    image: ghcr.io/acme/admin@sha256:4c1e8c1a6f6a2e3b5d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4
`;

  it('matches services by name glob and binds service, name and image', () => {
    const r = rule({
      match: { compose: { services: ['web*'] } },
      validations: [
        { path: 'restart', expression: 'self != null', messageExpression: "name + ' (' + image.registry + ') has no restart policy'" },
      ],
    });
    expect(at(lintWith([r], [{ path: 'compose.yaml', text: COMPOSE }]))).toEqual([
      '2:3 warning web (docker.io) has no restart policy',
      '7:3 warning web-admin (ghcr.io) has no restart policy',
    ]);
  });

  it('leaves override files alone', () => {
    const r = rule({ match: { compose: {} }, validations: [{ expression: 'false' }] });
    expect(lintWith([r], [{ path: 'compose.override.yaml', text: COMPOSE }])).toEqual([]);
  });
});
