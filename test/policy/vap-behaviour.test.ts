import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/index.js';

const RULES = ['admission-policy-denied', 'admission-policy-unsupported', 'admission-policy-invalid'];

function lint(text: string, namespace?: string) {
  const result = lintTexts([{ path: 'policy.yaml', text }], { rules: RULES, ...(namespace !== undefined && { namespace }) });
  expect(result.errors).toEqual([]);
  return result.findings;
}

interface PolicyParts {
  name?: string;
  rules?: string;
  extraSpec?: string;
  validations?: string;
  failurePolicy?: string;
}

function policy({ name = 'p', rules, extraSpec = '', validations, failurePolicy }: PolicyParts = {}): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ${name}
spec:
${failurePolicy ? `  failurePolicy: ${failurePolicy}\n` : ''}  matchConstraints:
    resourceRules:
${rules ?? '      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}'}
${extraSpec}  validations:
${validations ?? '    - expression: object.spec.replicas <= 5'}
`;
}

function binding(extra = '', actions = '[Deny]', name = 'b', policyName = 'p'): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ${name}
spec:
  policyName: ${policyName}
  validationActions: ${actions}
${extra}`;
}

function deployment(name: string, replicas: number, extra = '', apiVersion = 'apps/v1'): string {
  return `apiVersion: ${apiVersion}
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
${extra}spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: 'nginx:1.27'}]
`;
}

const docs = (...parts: string[]): string => parts.join('---\n');
const ids = (findings: ReturnType<typeof lint>, rule: string): string[] =>
  findings.filter((f) => f.ruleId === rule).map((f) => `${f.object ?? ''}@${f.span.line}:${f.span.column}`);

describe('compile errors in a policy', () => {
  it('are reported at the line and column of the error inside a plain scalar', () => {
    const text = docs(policy({ validations: '    - expression: object.spec.replicas <= )' }), binding());
    const found = lint(text).filter((f) => f.ruleId === 'admission-policy-invalid');
    expect(found).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.includes('<= )')) + 1;
    expect(found[0]!.span.line).toBe(line);
    expect(text.split('\n')[line - 1]!.slice(found[0]!.span.column - 1)).toMatch(/^\)/);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.message).toMatch(/spec\.validations\[0\]\.expression does not compile: .*failurePolicy Fail/);
  });

  it('follow escapes of a double-quoted scalar', () => {
    const text = docs(policy({ validations: '    - expression: "object.metadata.name != \\"x\\" && ]"' }), binding());
    const found = lint(text).filter((f) => f.ruleId === 'admission-policy-invalid');
    expect(found).toHaveLength(1);
    const line = text.split('\n')[found[0]!.span.line - 1]!;
    expect(line.slice(found[0]!.span.column - 1)).toMatch(/^\]/);
  });

  it('follow the lines of a block scalar', () => {
    const text = docs(
      policy({
        validations: '    - expression: |\n        object.spec.replicas >= 1 &&\n          object.spec.replicas <= * 5',
      }),
      binding(),
    );
    const found = lint(text).filter((f) => f.ruleId === 'admission-policy-invalid');
    expect(found).toHaveLength(1);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('<= * 5')) + 1;
    expect(found[0]!.span.line).toBe(line);
    expect(lines[line - 1]!.slice(found[0]!.span.column - 1)).toMatch(/^\*/);
  });

  it('in a messageExpression or a variable too', () => {
    const text = docs(
      policy({
        extraSpec: '  variables:\n    - name: n\n      expression: object.metadata.name +\n',
        validations: '    - expression: object.spec.replicas <= 5\n      messageExpression: "\'too many\' +"',
      }),
      binding(),
    );
    expect(lint(text).filter((f) => f.ruleId === 'admission-policy-invalid')).toHaveLength(2);
  });
});

describe('bindings', () => {
  it('naming a policy that is not in the run: a warning at policyName', () => {
    const text = docs(policy(), binding('', '[Deny]', 'b', 'other'), deployment('web', 9));
    const found = lint(text);
    expect(found.map((f) => [f.ruleId, f.severity, f.span.line])).toEqual(
      expect.arrayContaining([
        ['admission-policy-invalid', 'warning', text.split('\n').findIndex((l) => l.includes('policyName: other')) + 1],
      ]),
    );
    expect(ids(found, 'admission-policy-denied')).toEqual([]);
    expect(found.filter((f) => f.ruleId === 'admission-policy-unsupported').map((f) => f.message)).toEqual([
      "ValidatingAdmissionPolicy 'p' is bound by no ValidatingAdmissionPolicyBinding of the run: not evaluated",
    ]);
  });

  it('without validationActions, or without paramRef for a policy with params: an error', () => {
    const noActions = docs(policy(), binding('', '[]'), deployment('web', 9));
    expect(lint(noActions).map((f) => f.ruleId)).toEqual(['admission-policy-invalid']);
    const noParams = docs(policy({ extraSpec: '  paramKind: {apiVersion: v1, kind: ConfigMap}\n' }), binding(), deployment('web', 9));
    expect(lint(noParams).map((f) => f.message)).toEqual([
      expect.stringMatching(/takes params \(ConfigMap\) but binding 'b' sets no paramRef: the API server denies \(failurePolicy Fail\)/),
    ]);
  });

  it('Deny with Warn reports once, as an error; Audit alone is info', () => {
    const both = lint(docs(policy(), binding('', '[Deny, Warn]'), deployment('web', 9)));
    expect(both.map((f) => [f.ruleId, f.severity])).toEqual([['admission-policy-denied', 'error']]);
    const audit = lint(docs(policy(), binding('', '[Audit]'), deployment('web', 9)));
    expect(audit.map((f) => [f.ruleId, f.severity, f.message.includes('records in the audit log')])).toEqual([
      ['admission-policy-denied', 'info', true],
    ]);
  });

  it('matchResources narrows the policy: objectSelector, excludeResourceRules, resourceNames', () => {
    const text = docs(
      policy({
        rules: '      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments], resourceNames: [a, b, c]}',
      }),
      binding(
        '  matchResources:\n    objectSelector: {matchLabels: {tier: web}}\n    excludeResourceRules:\n      - {apiGroups: [apps], apiVersions: [v1], operations: ["*"], resources: [deployments], resourceNames: [b]}\n',
      ),
      deployment('a', 9, '  labels: {tier: web}\n'),
      deployment('b', 9, '  labels: {tier: web}\n'),
      deployment('c', 9),
      deployment('d', 9, '  labels: {tier: web}\n'),
    );
    expect(lint(text).map((f) => f.object)).toEqual(['Deployment/shop/a']);
  });
});

describe('matching', () => {
  it('an UPDATE-only policy is said not to be evaluated, once', () => {
    const text = docs(
      policy({ rules: '      - {apiGroups: [apps], apiVersions: [v1], operations: [UPDATE], resources: [deployments]}' }),
      binding(),
      deployment('web', 9),
      deployment('api', 9),
    );
    const found = lint(text);
    expect(found.map((f) => f.ruleId)).toEqual(['admission-policy-unsupported']);
    expect(found[0]!.message).toBe(
      "ValidatingAdmissionPolicy 'p' matches Deployment/shop/web and 1 other object(s) only for UPDATE, DELETE or CONNECT requests; an offline object is a CREATE, so it is not evaluated",
    );
  });

  it('matchPolicy Equivalent takes a Deployment of an older group; Exact does not', () => {
    const old = deployment('web', 9, '', 'extensions/v1beta1');
    expect(lint(docs(policy(), binding(), old)).map((f) => f.ruleId)).toEqual(['admission-policy-denied']);
    const exact = policy({
      rules: '      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}\n    matchPolicy: Exact',
    });
    expect(lint(docs(exact, binding(), old))).toEqual([]);
  });

  it('a custom resource is matched by the plural its CRD of the run declares', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: oddities.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Oddity, plural: oddities-x, singular: oddity}
  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
`;
    const text = docs(
      crd,
      policy({
        rules: '      - {apiGroups: [example.com], apiVersions: ["*"], operations: ["*"], resources: [oddities-x]}',
        validations: '    - expression: object.size < 3',
      }),
      binding(),
      'apiVersion: example.com/v1\nkind: Oddity\nmetadata: {name: o, namespace: shop}\nsize: 7\n',
    );
    expect(lint(text).map((f) => [f.ruleId, f.object, f.span.line])).toEqual([
      ['admission-policy-denied', 'Oddity/shop/o', text.split('\n').indexOf('size: 7') + 1],
    ]);
  });

  it('a namespaceSelector needs the Namespace in the run; a Namespace is matched by its own labels', () => {
    const selector = binding('  matchResources:\n    namespaceSelector: {matchLabels: {env: test}}\n');
    const missing = lint(docs(policy(), selector, deployment('web', 9)));
    expect(missing.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'admission-policy-unsupported',
        "ValidatingAdmissionPolicy 'p' with binding 'b' is not evaluated for Deployment/shop/web: its namespaceSelector needs the labels of a Namespace that is not in the run",
      ],
    ]);
    const namespaces = lint(
      docs(
        policy({
          rules: '      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [namespaces]}',
          validations: '    - expression: "\'owner\' in object.metadata.labels"',
        }),
        selector,
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: t, labels: {env: test}}\n',
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: u, labels: {env: prod}}\n',
      ),
    );
    expect(namespaces.map((f) => f.object)).toEqual(['Namespace/t']);
  });

  it('the namespace of objects that set none comes from --namespace', () => {
    const text = docs(
      policy(),
      binding('  matchResources:\n    namespaceSelector: {matchLabels: {env: test}}\n'),
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: qa, labels: {env: test}}\n',
      deployment('web', 9).replace('  namespace: shop\n', ''),
    );
    expect(lint(text, 'qa').map((f) => f.ruleId)).toEqual(['admission-policy-denied']);
    expect(lint(text).map((f) => f.ruleId)).toEqual(['admission-policy-unsupported']);
  });
});

describe('what an offline run cannot decide is said, once per part', () => {
  it('the authorizer and request.userInfo', () => {
    const text = docs(
      policy({
        validations:
          "    - expression: authorizer.group('apps').resource('deployments').check('delete').allowed()\n    - expression: request.userInfo.username != 'admin'\n    - expression: object.spec.replicas <= 5",
      }),
      binding(),
      deployment('web', 9),
      deployment('api', 8),
    );
    const found = lint(text);
    expect(found.filter((f) => f.ruleId === 'admission-policy-unsupported').map((f) => f.message)).toEqual([
      expect.stringContaining('reads the `authorizer`'),
      expect.stringContaining('reads `request.userInfo`'),
    ]);
    expect(found.filter((f) => f.ruleId === 'admission-policy-denied')).toHaveLength(2);
  });

  it('params that are not in the run', () => {
    const text = docs(
      policy({
        extraSpec: '  paramKind: {apiVersion: v1, kind: ConfigMap}\n',
        validations: '    - expression: object.spec.replicas <= int(params.data.max)',
      }),
      binding('  paramRef: {name: limits, parameterNotFoundAction: Deny}\n'),
      deployment('web', 9),
    );
    const found = lint(text);
    expect(found.map((f) => [f.ruleId, f.span.line])).toEqual([
      ['admission-policy-unsupported', text.split('\n').findIndex((l) => l.includes('paramRef')) + 1],
    ]);
    expect(found[0]!.message).toContain("no ConfigMap 'limits' in namespace shop is in the run");
    expect(found[0]!.message).toContain('parameterNotFoundAction Deny means the API server denies (failurePolicy Fail) it');
  });

  it('an expression that fails on an object, with what failurePolicy makes of it', () => {
    const text = docs(
      policy({ validations: '    - expression: object.spec.strategy.type == "Recreate"', failurePolicy: 'Ignore' }),
      binding(),
      deployment('web', 1),
    );
    const found = lint(text);
    expect(found.map((f) => f.ruleId)).toEqual(['admission-policy-unsupported']);
    expect(found[0]!.message).toMatch(/this validation failed: .*on Deployment\/shop\/web; .*ignores the failure \(failurePolicy Ignore\)/);
  });

  it('an expression stopped by the cost budget; the run goes on', () => {
    const text = docs(
      policy({
        validations:
          '    - expression: "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, a + b + c + d + e + f > 0))))))"\n    - expression: object.spec.replicas <= 5',
      }),
      binding(),
      deployment('web', 9),
    );
    const found = lint(text);
    expect(found.map((f) => f.ruleId).sort()).toEqual(['admission-policy-denied', 'admission-policy-unsupported']);
    expect(found.find((f) => f.ruleId === 'admission-policy-unsupported')?.message).toContain('stopped by the CEL cost budget');
  });

  it('namespaceObject of a Namespace that is not in the run', () => {
    const text = docs(
      policy({ validations: "    - expression: namespaceObject.metadata.name != 'shop'" }),
      binding(),
      deployment('web', 1),
    );
    expect(lint(text).map((f) => [f.ruleId, f.message.includes('`namespaceObject`')])).toEqual([['admission-policy-unsupported', true]]);
  });

  it('auditAnnotations, and a matchCondition that fails', () => {
    const text = docs(
      policy({
        extraSpec:
          '  auditAnnotations:\n    - {key: replicas, valueExpression: string(object.spec.replicas)}\n  matchConditions:\n    - {name: c, expression: object.spec.paused == false}\n',
      }),
      binding(),
      deployment('web', 9),
    );
    const found = lint(text);
    expect(found.map((f) => f.ruleId)).toEqual(['admission-policy-unsupported', 'admission-policy-unsupported']);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('auditAnnotations go to the'),
      expect.stringContaining('this matchCondition failed'),
    ]);
  });
});

describe('evaluation', () => {
  it('a false matchCondition skips the policy; variables are lazy (an unused failing one is harmless)', () => {
    const text = docs(
      policy({
        extraSpec:
          '  matchConditions:\n    - {name: big, expression: object.spec.replicas > 3}\n  variables:\n    - {name: broken, expression: object.spec.nothing.here}\n    - {name: limit, expression: "5"}\n',
        validations: '    - expression: object.spec.replicas <= variables.limit',
      }),
      binding(),
      deployment('small', 2),
      deployment('large', 9),
    );
    expect(lint(text).map((f) => f.object)).toEqual(['Deployment/shop/large']);
  });

  it('a run without admission policies reports nothing', () => {
    expect(lint(deployment('web', 9))).toEqual([]);
  });
});

describe('malformed policies and bindings', () => {
  const shapes = [
    'spec: []',
    'spec: {validations: {expression: true}}',
    'spec: {matchConstraints: [], validations: [{expression: {a: 1}}, null, 3, {message: x}]}',
    'spec: {matchConstraints: {resourceRules: [null, {apiGroups: apps}, {apiGroups: ["*"], apiVersions: ["*"], resources: ["*"], operations: ["*"]}]}, variables: [{name: 3}, {expression: x}, {name: v, expression: variables.v}], validations: [{expression: variables.v == 1}]}',
    'spec: {paramKind: {kind: 7}, matchConditions: [{expression: 1}], matchConstraints: {resourceRules: [{apiGroups: ["*"], apiVersions: ["*"], resources: ["*"], operations: ["*"]}], namespaceSelector: {matchExpressions: [{key: a, operator: Odd}]}}, validations: [{expression: "1"}]}',
  ];
  const bindings = [
    'spec: {policyName: p, validationActions: Deny}',
    'spec: {policyName: p, validationActions: [Deny], paramRef: {selector: []}, matchResources: {resourceRules: 3}}',
    'spec: {policyName: [p], validationActions: [Deny]}',
  ];
  it.each(shapes.flatMap((shape) => bindings.map((b) => [shape, b] as const)))('%s with %s: findings, no crash', (shape, b) => {
    const text = docs(
      `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\n${shape}\n`,
      `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: b}\n${b}\n`,
      deployment('web', 9),
    );
    const result = lintTexts([{ path: 'policy.yaml', text }], { rules: [...RULES, 'internal-error'] });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
  });
});

describe('positions inside other scalar styles', () => {
  it("single-quoted ('' escapes) and folded (>) scalars", () => {
    const single = docs(policy({ validations: "    - expression: 'object.metadata.name != ''x'' && ''y'' != ''z'' && %'" }), binding());
    const [a] = lint(single).filter((f) => f.ruleId === 'admission-policy-invalid');
    expect(single.split('\n')[a!.span.line - 1]!.slice(a!.span.column - 1)).toMatch(/^%/);
    const folded = docs(
      policy({ validations: '    - expression: >-\n        object.spec.replicas >= 1 &&\n\n        object.spec.replicas <= 5 ] 2' }),
      binding(),
    );
    const [b] = lint(folded).filter((f) => f.ruleId === 'admission-policy-invalid');
    const lines = folded.split('\n');
    expect(b!.span.line).toBe(lines.findIndex((l) => l.includes('<= 5 ]')) + 1);
    expect(lines[b!.span.line - 1]!.slice(b!.span.column - 1)).toMatch(/^\]/);
  });

  it('a variable that does not compile is reported once, not again where it is read', () => {
    const text = docs(
      policy({
        extraSpec: '  variables:\n    - {name: limit, expression: "int(5"}\n',
        validations: '    - expression: object.spec.replicas <= variables.limit',
      }),
      binding(),
      deployment('web', 9),
    );
    expect(lint(text).map((f) => f.ruleId)).toEqual(['admission-policy-invalid']);
  });
});
