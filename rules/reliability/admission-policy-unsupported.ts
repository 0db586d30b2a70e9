import { defineRule } from '../../src/engine/rule.js';
import { admissionReview } from '../_lib/admission/review.js';

export default defineRule({
  meta: {
    id: 'admission-policy-unsupported',
    title: 'Part of an admission policy (ValidatingAdmissionPolicy, Kyverno ValidatingPolicy) cannot be evaluated offline',
    severity: 'info',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      "Some of what a ValidatingAdmissionPolicy reads exists only in a live request: the requesting user (`request.userInfo`), the `authorizer`, the previous object of an UPDATE, Namespaces and params that are not among the linted files, the cluster's audit log. A run that skipped those parts silently would look like a policy that passed. Each such part is reported once, at the policy field that needs it, with the objects it concerns; so is an expression that fails on an object (the API server then applies the policy's `failurePolicy`) and a policy no binding of the run binds. For a Kyverno ValidatingPolicy, so are the CEL libraries that read the cluster, the network or an image registry (`resource.Get`/`List`/`Post`, `http`, `globalContext`, `image.GetMetadata`), functions of Kyverno's other libraries k8slint's CEL runtime does not have, `paramKind`, `evaluation.mode` other than Kubernetes (JSON payloads), a PolicyException condition the run cannot evaluate and fine-grained exceptions (`images`, `allowedValues`).",
    remediation:
      "Add what the run lacks when you can: the Namespace objects (with their labels) and the param objects the bindings name, the bindings of the policy. What only a live request has (user, authorizer, UPDATE) is checked by the API server; turn this rule off for the policies you accept that of (`# k8slint ignore admission-policy-unsupported`) or disable it. A Kyverno policy that reads the cluster or the network is checked by Kyverno itself (or `kyverno apply` with the cluster's data).",
    examples: [
      {
        lang: 'yaml',
        bad: "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: only-ci\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE]\n        resources: [deployments]\n  validations:\n    - expression: request.userInfo.username == 'system:serviceaccount:ci:deployer'\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: only-ci\nspec:\n  policyName: only-ci\n  validationActions: [Deny]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
        good: "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: only-ci\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE]\n        resources: [deployments]\n  validations:\n    - expression: object.metadata.namespace != 'kube-system'\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: only-ci\nspec:\n  policyName: only-ci\n  validationActions: [Deny]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
      },
      {
        lang: 'yaml',
        bad: "apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: registry-from-cluster\nspec:\n  validationActions: [Deny]\n  matchConstraints:\n    resourceRules:\n      - apiGroups: ['']\n        apiVersions: [v1]\n        operations: [CREATE]\n        resources: [pods]\n  variables:\n    - name: allowed\n      expression: resource.Get('v1', 'configmaps', 'kyverno', 'registries').data.allowed\n  validations:\n    - expression: object.spec.containers.all(c, c.image.startsWith(variables.allowed))\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\n  namespace: ops\nspec:\n  containers:\n    - name: tool\n      image: busybox:1.37\n",
        good: "apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: registry-from-cluster\nspec:\n  validationActions: [Deny]\n  matchConstraints:\n    resourceRules:\n      - apiGroups: ['']\n        apiVersions: [v1]\n        operations: [CREATE]\n        resources: [pods]\n  variables:\n    - name: allowed\n      expression: \"'registry.example.com/'\"\n  validations:\n    - expression: object.spec.containers.all(c, c.image.startsWith(variables.allowed))\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\n  namespace: ops\nspec:\n  containers:\n    - name: tool\n      image: busybox:1.37\n",
      },
    ],
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
      'https://kyverno.io/docs/policy-types/cel-libraries/',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx) => {
      for (const note of admissionReview(objects, ctx.defaultNamespace).unsupported) ctx.report({ at: note.at, message: note.message });
    },
  },
});
