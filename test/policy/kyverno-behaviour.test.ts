import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/index.js';
import { ontoPodTemplate } from '../../rules/_lib/admission/kyverno.js';

const RULES = ['admission-policy-denied', 'admission-policy-unsupported', 'admission-policy-invalid'];

function lint(text: string, namespace?: string): string[] {
  const result = lintTexts([{ path: 'policy.yaml', text }], { rules: RULES, ...(namespace !== undefined && { namespace }) });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.span.line}:${f.span.column} ${f.ruleId} ${f.severity} ${f.object ?? '-'} ${f.message}`);
}

interface PolicyParts {
  kind?: string;
  name?: string;
  namespace?: string;
  head?: string;
  resources?: string;
  validations?: string;
}

/** A policy on one resource; `head` goes at the top of `spec` (validationActions, evaluation, autogen…). */
function policy({
  kind = 'ValidatingPolicy',
  name = 'p',
  namespace,
  head = '',
  resources = 'pods',
  validations,
}: PolicyParts = {}): string {
  const group = resources === 'pods' ? '""' : 'apps';
  return `apiVersion: policies.kyverno.io/v1
kind: ${kind}
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
${head}  matchConstraints:
    resourceRules:
      - apiGroups: [${group}]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [${resources}]
  validations:
${validations ?? '    - expression: "!object.spec.?hostNetwork.orValue(false)"\n      message: no host network'}
`;
}

function pod(name: string, namespace = 'apps', hostNetwork = true): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  hostNetwork: ${hostNetwork}
  containers: [{name: app, image: 'nginx:1.27'}]
`;
}

function deployment(name: string, namespace = 'apps'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      hostNetwork: true
      containers: [{name: app, image: 'nginx:1.27'}]
`;
}

const docs = (...parts: string[]): string => parts.join('---\n');
const only = (findings: string[], rule: string): string[] => findings.filter((f) => f.includes(` ${rule} `));

describe('validationActions and evaluation', () => {
  it('no validationActions means Deny, as Kyverno defaults it', () => {
    expect(lint(docs(policy(), pod('a')))).toEqual([
      "21:1 admission-policy-denied error Pod/apps/a Kyverno ValidatingPolicy 'p' denies this request: no host network (reason: Invalid)",
    ]);
  });

  it('Audit is an info recorded in the policy report', () => {
    expect(lint(docs(policy({ head: '  validationActions: [Audit]\n' }), pod('a')))).toEqual([
      "22:1 admission-policy-denied info Pod/apps/a Kyverno ValidatingPolicy 'p' records a failure in its policy report: no host network (reason: Invalid)",
    ]);
  });

  it('admission and background both disabled: the policy checks nothing', () => {
    const head = '  evaluation:\n    admission: {enabled: false}\n    background: {enabled: false}\n';
    expect(lint(docs(policy({ head }), pod('a')))).toEqual([]);
  });

  it('background disabled, admission on: evaluated as at admission', () => {
    const head = '  evaluation:\n    background: {enabled: false}\n';
    expect(only(lint(docs(policy({ head }), pod('a'))), 'admission-policy-denied')).toHaveLength(1);
    expect(lint(docs(policy({ head }), pod('a')))[0]).toContain(' error ');
  });

  it('an expression that fails in a background-only policy is an error result of the scan, not a denial', () => {
    const head = '  evaluation:\n    admission: {enabled: false}\n';
    const validations = "    - expression: object.spec.nodeName != 'x'";
    expect(lint(docs(policy({ head, validations }), pod('a')))).toEqual([
      "15:7 admission-policy-unsupported info ValidatingPolicy/p Kyverno ValidatingPolicy 'p': this validation failed: No such key: nodeName on Pod/apps/a; if it fails in Kyverno too (which sees the object with its defaults), it records an error in the policy report of its background scan",
    ]);
  });

  it('a policy that takes params is not evaluated (unsupported)', () => {
    const head = '  paramKind: {apiVersion: v1, kind: ConfigMap}\n';
    expect(lint(docs(policy({ head }), pod('a')))).toEqual([
      "6:3 admission-policy-unsupported info ValidatingPolicy/p Kyverno ValidatingPolicy 'p' takes params (paramKind ConfigMap), which Kyverno looks up in the cluster: not evaluated",
    ]);
  });
});

describe('namespaces a default Kyverno installation keeps out of admission', () => {
  it('kube-system: not denied at admission, reported (info) by the background scan', () => {
    expect(lint(docs(policy(), pod('a', 'kube-system')))).toEqual([
      "21:1 admission-policy-denied info Pod/kube-system/a Kyverno ValidatingPolicy 'p' records a failure in the policy report of its background scan (Kyverno's default configuration leaves namespace kube-system out of admission): no host network (reason: Invalid)",
    ]);
  });

  it('without background scans, nothing', () => {
    const head = '  evaluation:\n    background: {enabled: false}\n';
    expect(lint(docs(policy({ head }), pod('a', 'kyverno')))).toEqual([]);
  });
});

describe('NamespacedValidatingPolicy', () => {
  it('applies in its own namespace only', () => {
    const text = docs(policy({ kind: 'NamespacedValidatingPolicy', namespace: 'apps' }), pod('inside', 'apps'), pod('outside', 'other'));
    expect(lint(text).map((f) => f.split(' ').slice(0, 4).join(' '))).toEqual(['22:1 admission-policy-denied error Pod/apps/inside']);
  });

  it('takes the run namespace when it has none; without one it is not evaluated', () => {
    const text = docs(policy({ kind: 'NamespacedValidatingPolicy' }), pod('a', 'team'));
    expect(lint(text, 'team').map((f) => f.split(' ').slice(0, 4).join(' '))).toEqual(['21:1 admission-policy-denied error Pod/team/a']);
    expect(lint(text)).toEqual([
      "4:3 admission-policy-unsupported info NamespacedValidatingPolicy/p Kyverno NamespacedValidatingPolicy 'p' applies in its own namespace, which is not known (no metadata.namespace, no --namespace): not evaluated",
    ]);
  });
});

describe('autogen', () => {
  it('applies a Pod policy to every pod controller by default, at the pod template', () => {
    expect(lint(docs(policy(), deployment('web')))).toEqual([
      "25:5 admission-policy-denied error Deployment/apps/web Kyverno ValidatingPolicy 'p' (autogen for pod controllers) denies this request: no host network (reason: Invalid)",
    ]);
  });

  it('an empty controllers list turns it off', () => {
    expect(lint(docs(policy({ head: '  autogen:\n    podControllers:\n      controllers: []\n' }), deployment('web')))).toEqual([]);
  });

  it('is not applied when the policy narrows the match (objectSelector) or matches more than Pods', () => {
    const selected = policy().replace('    resourceRules:', '    objectSelector: {matchLabels: {app: web}}\n    resourceRules:');
    expect(lint(docs(selected, deployment('web')))).toEqual([]);
    const wider = policy().replace('resources: [pods]', 'resources: [pods, services]');
    expect(lint(docs(wider, deployment('web')))).toEqual([]);
  });

  it('keeps the Pod rule operations: a policy for UPDATE only is reported as not evaluated', () => {
    const updateOnly = policy().replace('operations: [CREATE, UPDATE]', 'operations: [UPDATE]');
    expect(lint(docs(updateOnly, deployment('web')))).toEqual([
      "10:9 admission-policy-unsupported info ValidatingPolicy/p Kyverno ValidatingPolicy 'p' matches Deployment/apps/web only for UPDATE, DELETE or CONNECT requests; an offline object is a CREATE, so it is not evaluated",
    ]);
  });

  it('rewrites object.spec and object.metadata onto the pod template, but not metadata.name and metadata.namespace', () => {
    const pod = { spec: 'spec.template.spec', metadata: 'spec.template.metadata' };
    expect(ontoPodTemplate("object.spec.containers.all(c, c.name != '') && oldObject.spec.hostPID", pod)).toBe(
      "object.spec.template.spec.containers.all(c, c.name != '') && oldObject.spec.template.spec.hostPID",
    );
    expect(ontoPodTemplate('object.metadata.labels.app + object.metadata.name + object.metadata.namespace', pod)).toBe(
      'object.spec.template.metadata.labels.app + object.metadata.name + object.metadata.namespace',
    );
    expect(ontoPodTemplate('object.metadata.nameSuffix', pod)).toBe('object.spec.template.metadata.nameSuffix');
    const cronjob = { spec: 'spec.jobTemplate.spec.template.spec', metadata: 'spec.jobTemplate.spec.template.metadata' };
    expect(ontoPodTemplate('has(object.spec.volumes)', cronjob)).toBe('has(object.spec.jobTemplate.spec.template.spec.volumes)');
  });
});

describe('PolicyExceptions (policies.kyverno.io)', () => {
  const exception = (conditions: string, extra = '', kind = 'ValidatingPolicy') => `apiVersion: policies.kyverno.io/v1
kind: PolicyException
metadata:
  name: e
  namespace: apps
spec:
  policyRefs:
    - {name: p, kind: ${kind}}
${extra}  matchConditions:
${conditions}
`;

  it('exempts the objects all its matchConditions match', () => {
    const text = docs(
      policy(),
      exception('    - {name: n, expression: "object.metadata.name == \'exempt\'"}'),
      pod('exempt'),
      pod('other'),
    );
    expect(lint(text).map((f) => f.split(' ').slice(0, 4).join(' '))).toEqual(['41:1 admission-policy-denied error Pod/apps/other']);
  });

  it('refers to a policy by name and kind', () => {
    const text = docs(policy(), exception("    - {name: n, expression: 'true'}", '', 'ImageValidatingPolicy'), pod('a'));
    expect(only(lint(text), 'admission-policy-denied')).toHaveLength(1);
  });

  it('a condition the run cannot evaluate leaves the object unevaluated, with a note', () => {
    const text = docs(policy(), exception('    - {name: n, expression: "request.userInfo.username == \'ci\'"}'), pod('a'));
    expect(lint(text)).toEqual([
      "25:17 admission-policy-unsupported info PolicyException/apps/e PolicyException 'apps/e': this matchCondition reads `request.userInfo` (who sends the request), which an offline run does not have; Kyverno ValidatingPolicy 'p' is not evaluated for Pod/apps/a",
    ]);
  });

  it('a fine-grained exception (values for the policy CEL) is not applied: the object is not evaluated', () => {
    const text = docs(policy(), exception("    - {name: n, expression: 'true'}", '  allowedValues: [NET_ADMIN]\n'), pod('a'));
    expect(lint(text)).toEqual([
      "24:3 admission-policy-unsupported info PolicyException/apps/e PolicyException 'apps/e' hands allowedValues to Kyverno ValidatingPolicy 'p' (`exceptions.…` in its CEL), which k8slint does not apply; not evaluated for Pod/apps/a",
    ]);
  });

  it('a matchCondition that does not compile is invalid at the character', () => {
    const text = docs(policy(), exception('    - name: n\n      expression: object.metadata.name ==='), pod('a'));
    const found = lint(text);
    expect(only(found, 'admission-policy-invalid')).toEqual([
      "26:42 admission-policy-invalid error - PolicyException 'apps/e': spec.matchConditions[0].expression does not compile: Unexpected character: = (the exception exempts nothing)",
    ]);
  });
});

describe('libraries and compile errors', () => {
  it('a validation calling resource.List is unsupported, never a denial', () => {
    const validations = "    - expression: resource.List('apps/v1', 'deployments', '').items.size() < 10";
    expect(lint(docs(policy({ validations }), pod('a')))).toEqual([
      "13:7 admission-policy-unsupported info ValidatingPolicy/p Kyverno ValidatingPolicy 'p': this validation calls Kyverno's `resource.List`, which reads the cluster; not evaluated for Pod/apps/a",
    ]);
  });

  it('http and globalContext calls are unsupported too', () => {
    const validations =
      "    - expression: http.Get('https://example.com/allowed').allowed == true\n    - expression: globalContext.Get('teams', '').size() > 0";
    expect(only(lint(docs(policy({ validations }), pod('a'))), 'admission-policy-unsupported').map((f) => f.split(';')[0])).toEqual([
      "13:7 admission-policy-unsupported info ValidatingPolicy/p Kyverno ValidatingPolicy 'p': this validation calls Kyverno's `http.Get`, which calls the network",
      "14:7 admission-policy-unsupported info ValidatingPolicy/p Kyverno ValidatingPolicy 'p': this validation calls Kyverno's `globalContext.Get`, which reads Kyverno's global context, filled from the cluster",
    ]);
  });

  it('a compile error points at the character inside a double-quoted scalar', () => {
    const validations = '    - expression: "object.metadata.name != \\"x\\" && ]"';
    const found = lint(docs(policy({ validations }), pod('a', 'apps', false)));
    expect(found).toEqual([
      "13:53 admission-policy-invalid error - Kyverno ValidatingPolicy 'p': spec.validations[0].expression does not compile: Unexpected token: RBRACKET (Kyverno denies (failurePolicy Fail) every request the policy matches)",
    ]);
  });
});

describe('with ValidatingAdmissionPolicies in the same run', () => {
  it('each reports under its own name', () => {
    const vap = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: p
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
  validations:
    - expression: object.metadata.name != 'a'
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: b
spec:
  policyName: p
  validationActions: [Warn]
`;
    const found = lint(docs(policy(), vap, pod('a')));
    expect(found.map((f) => f.split(' denies')[0]!.split(' warns')[0])).toEqual([
      "38:3 admission-policy-denied warning Pod/apps/a ValidatingAdmissionPolicy 'p' with binding 'b'",
      "40:1 admission-policy-denied error Pod/apps/a Kyverno ValidatingPolicy 'p'",
    ]);
  });
});
