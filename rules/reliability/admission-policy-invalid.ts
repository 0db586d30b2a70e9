import { defineRule } from '../../src/engine/rule.js';
import { admissionReview } from '../_lib/admission/review.js';

export default defineRule({
  meta: {
    id: 'admission-policy-invalid',
    title: 'An admission policy (ValidatingAdmissionPolicy, Kyverno ValidatingPolicy) or its binding is broken',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      "A CEL expression of a ValidatingAdmissionPolicy that does not compile makes the policy fail on every request it matches: with `failurePolicy: Fail` (the default) the API server then rejects them all, with `Ignore` the policy checks nothing. A binding without `validationActions` is refused; a binding that gives no `paramRef` to a policy that takes params fails every request; a binding naming a policy that is not in the run (a warning) checks nothing unless the cluster has that policy. Compile errors are reported at the line and column of the error inside the expression. The expressions of Kyverno ValidatingPolicies and of Kyverno PolicyExceptions (`matchConditions`) are checked the same way, except that a call to a function or variable k8slint's CEL runtime does not know is taken for one of Kyverno's CEL libraries and reported by `admission-policy-unsupported`, never as a compile error.",
    remediation:
      'Fix the expression at the reported position (the message has the CEL error), give the binding its `validationActions` and `paramRef`, or correct the `policyName`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: max-replicas\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE, UPDATE]\n        resources: [deployments]\n  validations:\n    - expression: object.spec.replicas <= \n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: max-replicas\nspec:\n  policyName: max-replica\n  validationActions: [Deny]\n',
        good: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: max-replicas\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE, UPDATE]\n        resources: [deployments]\n  validations:\n    - expression: object.spec.replicas <= 5\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: max-replicas\nspec:\n  policyName: max-replicas\n  validationActions: [Deny]\n',
      },
      {
        lang: 'yaml',
        bad: "apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: named-containers\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: ['']\n        apiVersions: [v1]\n        operations: [CREATE]\n        resources: [pods]\n  validations:\n    - expression: object.spec.containers.all(c, c.name != ''\n",
        good: "apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: named-containers\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: ['']\n        apiVersions: [v1]\n        operations: [CREATE]\n        resources: [pods]\n  validations:\n    - expression: object.spec.containers.all(c, c.name != '')\n",
      },
    ],
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
      'https://kyverno.io/docs/policy-types/validating-policy/',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx) => {
      for (const note of admissionReview(objects, ctx.defaultNamespace).invalid)
        ctx.report({ at: note.at, message: note.message, ...(note.severity && { severity: note.severity }) });
    },
  },
});
