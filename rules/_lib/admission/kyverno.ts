import { isMapping, type K8sObject, type KNode, type Mapping } from '../../../src/model/k8s.js';
import { scalarText } from '../../../src/util/text.js';
import { compileExpression, type PolicyExpression } from './expressions.js';
import { resourceRuleMatches, type Candidate, type MatchResult } from './match.js';
import { readPolicy, type Policy, type ValidationAction } from './policies.js';
import { splitApiVersion } from './resources.js';

/** Kyverno's CEL policy types (Kyverno 1.14+): `v1alpha1`, `v1beta1` and `v1` share the fields read here. */
export const KYVERNO_GROUP = 'policies.kyverno.io';
const POLICY_KINDS = new Set(['ValidatingPolicy', 'NamespacedValidatingPolicy']);
const EXCEPTION_KIND = 'PolicyException';

/** A Kyverno ValidatingPolicy: a ValidatingAdmissionPolicy that carries its own validationActions instead of a binding. */
export interface KyvernoPolicy {
  policy: Policy;
  /** `spec.validationActions`; Kyverno takes `[Deny]` when empty. */
  actions: ValidationAction[];
  /** `spec.evaluation.admission.enabled` (default true): false leaves only the background scan's policy reports. */
  admission: boolean;
  /** `spec.evaluation.background.enabled` (default true). */
  background: boolean;
  /** `spec.evaluation.mode`: `Kubernetes` (the default) or another payload (`JSON`, and the Envoy and HTTP modes of Kyverno's authz server). */
  mode: string;
  modeNode?: KNode;
  /** NamespacedValidatingPolicy: it applies in its own namespace only. */
  namespaced: boolean;
  /** The policies Kyverno generates for pod controllers from a policy that matches Pods only. */
  autogen: AutogenPolicy[];
}

/** One generated policy: the Pod policy's expressions rewritten onto a controller's pod template, matching these controllers. */
export interface AutogenPolicy {
  policy: Policy;
  /** `resourceRules` of the generated policy, with the Pod rule's operations. */
  rules: Mapping[];
  /** The Pod rule's `operations`, to point at when they leave out CREATE. */
  operations: KNode;
  /** The controller kinds, for messages. */
  kinds: string[];
}

export interface KyvernoException {
  object: K8sObject;
  name: string;
  policyRefs: Array<{ name: string; kind: string }>;
  conditions: PolicyExpression[];
  /** `images` or `allowedValues`: values handed to the policy's CEL (`exceptions.…`) rather than a plain skip. */
  fineGrained?: KNode;
}

export function isKyvernoPolicy(object: K8sObject): boolean {
  return POLICY_KINDS.has(object.kind) && splitApiVersion(object.apiVersion).group === KYVERNO_GROUP;
}

export function isKyvernoException(object: K8sObject): boolean {
  return object.kind === EXCEPTION_KIND && splitApiVersion(object.apiVersion).group === KYVERNO_GROUP;
}

export function readKyvernoPolicy(object: K8sObject): KyvernoPolicy | undefined {
  const policy = readPolicy(object, { engine: 'kyverno' });
  if (!policy) return undefined;
  const spec = policy.spec;
  const evaluation = spec.get('evaluation');
  const enabled = (part: string): boolean => evaluation?.get(part)?.get('enabled')?.value !== false;
  const modeNode = evaluation?.get('mode');
  const mode = typeof modeNode?.value === 'string' && modeNode.value !== '' ? modeNode.value : 'Kubernetes';
  const actionsValue = spec.get('validationActions')?.value;
  const actions = Array.isArray(actionsValue)
    ? actionsValue.filter((a): a is ValidationAction => a === 'Deny' || a === 'Warn' || a === 'Audit')
    : [];
  return {
    policy,
    actions: actions.length > 0 ? actions : ['Deny'],
    admission: enabled('admission'),
    background: enabled('background'),
    mode,
    ...(modeNode && { modeNode }),
    namespaced: object.kind === 'NamespacedValidatingPolicy',
    autogen: autogenPolicies(object, policy),
  };
}

export function readKyvernoException(object: K8sObject): KyvernoException | undefined {
  const spec = object.node.get('spec');
  if (!spec || !isMapping(spec.value)) return undefined;
  const policyRefs: KyvernoException['policyRefs'] = [];
  for (const ref of spec.get('policyRefs')?.items() ?? []) {
    const name = ref.get('name')?.value;
    const kind = ref.get('kind')?.value;
    if (typeof name === 'string' && typeof kind === 'string') policyRefs.push({ name, kind });
  }
  const conditions: PolicyExpression[] = [];
  for (const item of spec.get('matchConditions')?.items() ?? []) {
    const node = item.get('expression');
    if (node && node.value !== null && typeof node.value !== 'object') conditions.push(compileExpression(node, { kyverno: true }));
  }
  const fineGrained = [spec.get('images'), spec.get('allowedValues')].find((n) => n && n.items().length > 0);
  return { object, name: object.name ?? '', policyRefs, conditions, ...(fineGrained && { fineGrained }) };
}

/** The pod controllers Kyverno generates policies for, and where their pod template is. */
const POD_CONTROLLERS: Record<string, { group: string; kind: string; template: 'pod' | 'cronjob' }> = {
  daemonsets: { group: 'apps', kind: 'DaemonSet', template: 'pod' },
  deployments: { group: 'apps', kind: 'Deployment', template: 'pod' },
  replicasets: { group: 'apps', kind: 'ReplicaSet', template: 'pod' },
  statefulsets: { group: 'apps', kind: 'StatefulSet', template: 'pod' },
  jobs: { group: 'batch', kind: 'Job', template: 'pod' },
  cronjobs: { group: 'batch', kind: 'CronJob', template: 'cronjob' },
};

const TEMPLATE_PATHS = {
  pod: { spec: 'spec.template.spec', metadata: 'spec.template.metadata' },
  cronjob: { spec: 'spec.jobTemplate.spec.template.spec', metadata: 'spec.jobTemplate.spec.template.metadata' },
};

/**
 * Kyverno's autogen: a policy whose only resource rule is core `v1` `pods` (no names, no selectors,
 * no exclusions) also applies, rewritten, to the pod controllers `spec.autogen.podControllers.controllers`
 * names (all six when the field is absent): DaemonSets, Deployments, ReplicaSets, StatefulSets and Jobs
 * through `spec.template`, CronJobs through `spec.jobTemplate.spec.template`.
 */
function autogenPolicies(object: K8sObject, policy: Policy): AutogenPolicy[] {
  const podRule = soleCorePodRule(policy.matchConstraints);
  if (!podRule) return [];
  const configured = policy.spec.get('autogen')?.get('podControllers')?.get('controllers')?.value;
  const controllers = Array.isArray(configured)
    ? configured.filter((c): c is string => typeof c === 'string' && c in POD_CONTROLLERS)
    : Object.keys(POD_CONTROLLERS);
  const operations = podRule.get('operations') ?? podRule;
  const operationsValue = isMapping(podRule.value) ? podRule.value.operations : undefined;
  const generated: AutogenPolicy[] = [];
  for (const template of ['pod', 'cronjob'] as const) {
    const resources = controllers.filter((c) => POD_CONTROLLERS[c]?.template === template).sort();
    if (resources.length === 0) continue;
    const groups = [...new Set(resources.map((r) => POD_CONTROLLERS[r]?.group ?? ''))].sort();
    const rules = groups.map((group) => ({
      apiGroups: [group],
      apiVersions: ['v1'],
      resources: resources.filter((r) => POD_CONTROLLERS[r]?.group === group),
      operations: operationsValue,
    }));
    const rewritten = readPolicy(object, { engine: 'kyverno', rewrite: (text) => ontoPodTemplate(text, TEMPLATE_PATHS[template]) });
    if (rewritten) generated.push({ policy: rewritten, rules, operations, kinds: resources.map((r) => POD_CONTROLLERS[r]?.kind ?? r) });
  }
  return generated;
}

/** The single `resourceRules` entry when it is core `v1` `pods` and nothing else narrows the match (Kyverno's condition for autogen). */
function soleCorePodRule(match: KNode | undefined): KNode | undefined {
  if (!match || !isMapping(match.value)) return undefined;
  const selectorSet = (key: string): boolean => {
    const selector = match.value && isMapping(match.value) ? match.value[key] : undefined;
    if (!isMapping(selector)) return false;
    const labels = selector.matchLabels;
    const expressions = selector.matchExpressions;
    return (isMapping(labels) && Object.keys(labels).length > 0) || (Array.isArray(expressions) && expressions.length > 0);
  };
  if (selectorSet('namespaceSelector') || selectorSet('objectSelector')) return undefined;
  if ((match.get('excludeResourceRules')?.items().length ?? 0) > 0) return undefined;
  const rules = match.get('resourceRules')?.items() ?? [];
  const rule = rules[0];
  if (rules.length !== 1 || !rule || !isMapping(rule.value)) return undefined;
  const only = (key: string, value: string): boolean => {
    const list = rule.value && isMapping(rule.value) ? rule.value[key] : undefined;
    return Array.isArray(list) && list.length === 1 && list[0] === value;
  };
  const names = rule.value.resourceNames;
  if (Array.isArray(names) && names.length > 0) return undefined;
  return only('apiGroups', '') && only('apiVersions', 'v1') && only('resources', 'pods') ? rule : undefined;
}

/**
 * Kyverno's rewrite of a Pod expression for a controller: `object.spec` and `object.metadata` (and the
 * same under `oldObject`) become the pod template's, as plain text replacement, except
 * `object.metadata.name` and `object.metadata.namespace`, which keep naming the controller itself.
 */
export function ontoPodTemplate(text: string, paths: { spec: string; metadata: string }): string {
  let result = text;
  for (const root of ['object', 'oldObject'])
    for (const field of ['spec', 'metadata'] as const)
      result = replaceUnlessNameOrNamespace(result, `${root}.${field}`, `${root}.${paths[field]}`);
  return result;
}

function replaceUnlessNameOrNamespace(text: string, from: string, to: string): string {
  let result = '';
  let start = 0;
  for (let at = text.indexOf(from); at !== -1; at = text.indexOf(from, start)) {
    const keep = /^\.(?:name|namespace)(?![A-Za-z0-9_])/.test(text.slice(at + from.length));
    result += text.slice(start, at) + (keep ? from : to);
    start = at + from.length;
  }
  return result + text.slice(start);
}

/** A generated controller policy's match: its resource rules (matchPolicy Equivalent), nothing else. */
export function matchAutogen(generated: AutogenPolicy, candidate: Candidate): MatchResult {
  let onlyOperations = false;
  for (const rule of generated.rules) {
    const verdict = resourceRuleMatches(rule, candidate, false);
    if (verdict === 'yes') return { matched: true };
    if (verdict === 'operations') onlyOperations = true;
  }
  return onlyOperations ? { matched: false, onlyOperations: generated.operations } : { matched: false };
}

export function exceptionRefersTo(exception: KyvernoException, policy: Policy): boolean {
  return exception.policyRefs.some((ref) => ref.name === policy.name && ref.kind === policy.object.kind);
}

export function describeException(exception: KyvernoException): string {
  const namespace = exception.object.namespace;
  return `PolicyException '${namespace ? `${namespace}/` : ''}${scalarText(exception.name)}'`;
}
