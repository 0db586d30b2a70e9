import { defineRule } from '../../src/engine/rule.js';
import { admissionReview } from '../_lib/admission/review.js';

export default defineRule({
  meta: {
    id: 'admission-policy-unsupported',
    title: 'Part of a ValidatingAdmissionPolicy cannot be evaluated offline',
    severity: 'info',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      "Some of what a ValidatingAdmissionPolicy reads exists only in a live request: the requesting user (`request.userInfo`), the `authorizer`, the previous object of an UPDATE, Namespaces and params that are not among the linted files, the cluster's audit log. A run that skipped those parts silently would look like a policy that passed. Each such part is reported once, at the policy field that needs it, with the objects it concerns; so is an expression that fails on an object (the API server then applies the policy's `failurePolicy`) and a policy no binding of the run binds.",
    remediation:
      'Add what the run lacks when you can: the Namespace objects (with their labels) and the param objects the bindings name, the bindings of the policy. What only a live request has (user, authorizer, UPDATE) is checked by the API server; turn this rule off for the policies you accept that of (`# k8slint ignore admission-policy-unsupported`) or disable it.',
    examples: [
      {
        lang: 'yaml',
        bad: "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: only-ci\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE]\n        resources: [deployments]\n  validations:\n    - expression: request.userInfo.username == 'system:serviceaccount:ci:deployer'\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: only-ci\nspec:\n  policyName: only-ci\n  validationActions: [Deny]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
        good: "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: only-ci\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE]\n        resources: [deployments]\n  validations:\n    - expression: object.metadata.namespace != 'kube-system'\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: only-ci\nspec:\n  policyName: only-ci\n  validationActions: [Deny]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
      },
    ],
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/'],
  },
  handlers: {
    'k8s:all': (objects, ctx) => {
      for (const note of admissionReview(objects, ctx.defaultNamespace).unsupported) ctx.report({ at: note.at, message: note.message });
    },
  },
});
