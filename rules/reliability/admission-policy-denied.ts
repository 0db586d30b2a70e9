import { defineRule } from '../../src/engine/rule.js';
import { admissionReview } from '../_lib/admission/review.js';

export default defineRule({
  meta: {
    id: 'admission-policy-denied',
    title: 'An admission policy of the run (ValidatingAdmissionPolicy, Kyverno ValidatingPolicy) rejects the object',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      "The cluster states its own rules as ValidatingAdmissionPolicies: CEL expressions the API server evaluates on every request they match. A manifest that breaks one is found out only when `kubectl apply` or the GitOps sync is rejected. The policies and bindings of the run (or given with `--policy`) are applied to the run's objects as the API server applies them to a CREATE: `matchConstraints` and the binding's `matchResources`, `matchConditions`, `variables`, params from the run, and each failing validation's `message`/`messageExpression` and `reason`. The binding's `validationActions` give the severity: Deny is an error, Warn a warning, Audit an info. Kyverno's CEL `ValidatingPolicy` (and `NamespacedValidatingPolicy`, in its own namespace) is applied the same way with its own `validationActions` (Deny when empty); a policy that matches only Pods also applies, as Kyverno's autogen does, to the pod templates of DaemonSets, Deployments, ReplicaSets, StatefulSets, Jobs and CronJobs (`spec.autogen.podControllers.controllers` narrows them), its `object.spec` and `object.metadata` rewritten onto the template; objects a Kyverno `PolicyException` exempts are skipped; a policy with admission disabled reports as info, as its failures only reach the policy reports of background scans.",
    remediation:
      'Change the object so that the validation holds (the message says which policy, binding and params reject it), or, when the policy is wrong, fix the policy or narrow its binding. Parts a run cannot evaluate (the requesting user, the authorizer, Namespaces or params outside the run) are reported by `admission-policy-unsupported` instead of guessed. For a Kyverno policy, a `PolicyException` with `policyRefs` and `matchConditions` records an accepted exception without changing the policy.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: max-replicas\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE, UPDATE]\n        resources: [deployments]\n  validations:\n    - expression: object.spec.replicas <= 5\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: max-replicas\nspec:\n  policyName: max-replicas\n  validationActions: [Deny]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 8\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: max-replicas\nspec:\n  matchConstraints:\n    resourceRules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE, UPDATE]\n        resources: [deployments]\n  validations:\n    - expression: object.spec.replicas <= 5\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: max-replicas\nspec:\n  policyName: max-replicas\n  validationActions: [Deny]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
      {
        lang: 'yaml',
        bad: "apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: disallow-privileged\nspec:\n  validationActions: [Deny]\n  matchConstraints:\n    resourceRules:\n      - apiGroups: ['']\n        apiVersions: [v1]\n        operations: [CREATE, UPDATE]\n        resources: [pods]\n  validations:\n    - expression: object.spec.containers.all(c, !c.?securityContext.?privileged.orValue(false))\n      message: privileged containers are not allowed\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: node-tool\nspec:\n  selector:\n    matchLabels: {app: node-tool}\n  template:\n    metadata:\n      labels: {app: node-tool}\n    spec:\n      containers:\n        - name: tool\n          image: example.com/node-tool:1.2\n          securityContext:\n            privileged: true\n",
        good: "apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: disallow-privileged\nspec:\n  validationActions: [Deny]\n  matchConstraints:\n    resourceRules:\n      - apiGroups: ['']\n        apiVersions: [v1]\n        operations: [CREATE, UPDATE]\n        resources: [pods]\n  validations:\n    - expression: object.spec.containers.all(c, !c.?securityContext.?privileged.orValue(false))\n      message: privileged containers are not allowed\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: node-tool\nspec:\n  selector:\n    matchLabels: {app: node-tool}\n  template:\n    metadata:\n      labels: {app: node-tool}\n    spec:\n      containers:\n        - name: tool\n          image: example.com/node-tool:1.2\n          securityContext:\n            privileged: false\n",
      },
    ],
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
      'https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-admission-policy-v1/',
      'https://kyverno.io/docs/policy-types/validating-policy/',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx) => {
      for (const denial of admissionReview(objects, ctx.defaultNamespace).denials)
        ctx.report({ at: denial.at, message: denial.message, severity: denial.severity });
    },
  },
});
