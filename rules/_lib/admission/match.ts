import { isMapping, type KNode, type Mapping } from '../../../src/model/k8s.js';
import { selectorMatches } from '../workload.js';
import type { ResourceOf } from './resources.js';

/** An object as an admission request for it: CREATE of its resource, in its namespace. */
export interface Candidate {
  resource: ResourceOf;
  name: string;
  kind: string;
  labels: Record<string, string>;
  /** Labels of the object's namespace; undefined when the Namespace object is not in the run (or the namespace is unknown). */
  namespaceLabels?: Record<string, string>;
}

/** Why matching could not be decided offline, pointing at the part of the policy that asks. */
export interface Undecided {
  at: KNode;
  reason: string;
}

/** `matched` false with neither `onlyOperations` nor `undecided`: a definite miss. */
export interface MatchResult {
  matched: boolean;
  onlyOperations?: KNode;
  undecided?: Undecided;
}

/**
 * `matchConstraints` of a policy or `matchResources` of a binding, as the API server matches a
 * request: namespace and object selectors, resource rules (a binding without rules does not
 * narrow the policy's), exclusions. `onlyOperations` says a rule would match but for its
 * operations (UPDATE, DELETE, CONNECT), which an offline object (a CREATE) never is.
 */
export function matchResources(node: KNode | undefined, candidate: Candidate, required: boolean): MatchResult {
  if (!node || !isMapping(node.value)) return required ? { matched: false } : { matched: true };
  const spec = node.value;
  const namespaceSelector = node.get('namespaceSelector');
  if (namespaceSelector && isMapping(namespaceSelector.value) && !isEmptySelector(namespaceSelector.value)) {
    // A Namespace is matched by its own labels; other cluster-scoped objects always pass.
    if (candidate.kind === 'Namespace' && candidate.resource.group === '') {
      if (!selectorMatches(namespaceSelector.value, candidate.labels)) return { matched: false };
    } else if (candidate.resource.namespaced) {
      if (!candidate.namespaceLabels)
        return {
          matched: false,
          undecided: { at: namespaceSelector, reason: 'its namespaceSelector needs the labels of a Namespace that is not in the run' },
        };
      if (!selectorMatches(namespaceSelector.value, candidate.namespaceLabels)) return { matched: false };
    }
  }
  const objectSelector = node.get('objectSelector');
  if (objectSelector && isMapping(objectSelector.value) && !selectorMatches(objectSelector.value, candidate.labels))
    return { matched: false };
  const exact = spec.matchPolicy === 'Exact';
  const rules = node.get('resourceRules');
  let onlyOperations: KNode | undefined;
  if (rules || required) {
    let matched = false;
    for (const rule of rules?.items() ?? []) {
      const verdict = ruleMatches(rule, candidate, exact);
      if (verdict === 'yes') {
        matched = true;
        break;
      }
      if (verdict === 'operations') onlyOperations ??= rule.get('operations') ?? rule;
    }
    if (!matched) return onlyOperations ? { matched: false, onlyOperations } : { matched: false };
  }
  for (const rule of node.get('excludeResourceRules')?.items() ?? [])
    if (ruleMatches(rule, candidate, exact) === 'yes') return { matched: false };
  return { matched: true };
}

function isEmptySelector(selector: Mapping): boolean {
  const labels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  return (!isMapping(labels) || Object.keys(labels).length === 0) && (!Array.isArray(expressions) || expressions.length === 0);
}

/** Groups that served the same resources before they moved (a request to one matches rules of the other under `Equivalent`). */
const EQUIVALENT_GROUPS: Record<string, Record<string, string[]>> = {
  deployments: { apps: ['extensions'], extensions: ['apps'] },
  daemonsets: { apps: ['extensions'], extensions: ['apps'] },
  replicasets: { apps: ['extensions'], extensions: ['apps'] },
  ingresses: { 'networking.k8s.io': ['extensions'], extensions: ['networking.k8s.io'] },
  networkpolicies: { 'networking.k8s.io': ['extensions'], extensions: ['networking.k8s.io'] },
};

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** One `NamedRuleWithOperations` against a CREATE of the candidate's main resource (no subresource). */
function ruleMatches(rule: KNode, candidate: Candidate, exact: boolean): 'yes' | 'no' | 'operations' {
  return isMapping(rule.value) ? resourceRuleMatches(rule.value, candidate, exact) : 'no';
}

/** A rule's fields (`apiGroups`, `apiVersions`, `resources`, `scope`, `resourceNames`, `operations`) against the candidate's CREATE. */
export function resourceRuleMatches(rule: Mapping, candidate: Candidate, exact: boolean): 'yes' | 'no' | 'operations' {
  const { resource } = candidate;
  const groups = strings(rule.apiGroups);
  const equivalents = exact ? [] : (EQUIVALENT_GROUPS[resource.resource]?.[resource.group] ?? []);
  if (!groups.some((g) => g === '*' || g === resource.group || equivalents.includes(g))) return 'no';
  // Under `Equivalent` the API server converts the request to a version the rule names.
  const versions = strings(rule.apiVersions);
  if (!versions.some((v) => v === '*' || v === resource.version || !exact)) return 'no';
  // `*` and `*/*` take the main resource; `pods/*` only pods' subresources.
  if (!strings(rule.resources).some((r) => r === '*' || r === '*/*' || r === resource.resource)) return 'no';
  const scope = rule.scope;
  if (scope === 'Cluster' && resource.namespaced) return 'no';
  if (scope === 'Namespaced' && !resource.namespaced) return 'no';
  const names = strings(rule.resourceNames);
  if (names.length > 0 && !names.includes(candidate.name)) return 'no';
  const operations = strings(rule.operations);
  return operations.some((o) => o === '*' || o === 'CREATE') ? 'yes' : 'operations';
}
