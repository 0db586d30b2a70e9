import type { K8sObject, KNode } from '../../src/model/k8s.js';

/** One entry of a Role's or ClusterRole's `rules`, with its lists read as strings. */
export interface PolicyRule {
  node: KNode;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  /** Set when the rule is limited to named objects (`resourceNames`). */
  resourceNames: string[];
  /** The item node of `field` holding `value`, for pointing a finding at it. */
  itemOf(field: 'apiGroups' | 'resources' | 'verbs', value: string): KNode | undefined;
}

export const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
export const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

export function isRbac(object: K8sObject): boolean {
  return object.apiVersion.startsWith('rbac.authorization.k8s.io/');
}

export function policyRules(object: K8sObject): PolicyRule[] {
  if (!ROLE_KINDS.has(object.kind) || !isRbac(object)) return [];
  return (object.node.get('rules')?.items() ?? []).map((node) => {
    const list = (field: string): string[] =>
      (node.get(field)?.items() ?? []).map((i) => i.value).filter((v): v is string => typeof v === 'string');
    return {
      node,
      apiGroups: list('apiGroups'),
      resources: list('resources'),
      verbs: list('verbs'),
      resourceNames: list('resourceNames'),
      itemOf: (field, value) =>
        node
          .get(field)
          ?.items()
          .find((i) => i.value === value),
    };
  });
}

/** The rule applies to `resource` of the core or a named API group (explicitly, not through `*`). */
export function namesResource(rule: PolicyRule, resources: ReadonlySet<string>): string | undefined {
  return rule.resources.find((r) => resources.has(r));
}

export function grantsVerb(rule: PolicyRule, verbs: ReadonlySet<string>): string | undefined {
  return rule.verbs.find((v) => v === '*' || verbs.has(v));
}

/** `Role "x"` or `ClusterRole "x"`. */
export function roleName(object: K8sObject): string {
  return `${object.kind} "${object.name ?? ''}"`;
}

/** ClusterRoles every cluster has: bindings to them never dangle. */
export function isBuiltInClusterRole(name: string): boolean {
  return ['cluster-admin', 'admin', 'edit', 'view'].includes(name) || name.startsWith('system:');
}

export interface PermissionCheck {
  /** Resources (with subresource, `pods/exec`) that the check is about, named explicitly in a rule. */
  resources: ReadonlySet<string>;
  /** Verbs that make the grant dangerous; `*` always does. Empty: any verb. */
  verbs: ReadonlySet<string>;
  /** Rules limited by `resourceNames` grant access to named objects only; skip them. */
  skipNamedObjects: boolean;
  /** What the grant allows, for the message ("read Secrets"). */
  what: string;
}

/** Reports every Role or ClusterRole rule that grants one of the check's verbs on one of its resources. */
export function reportPermission(object: K8sObject, check: PermissionCheck, report: (at: KNode, message: string) => void): void {
  for (const rule of policyRules(object)) {
    if (check.skipNamedObjects && rule.resourceNames.length > 0) continue;
    const resource = namesResource(rule, check.resources);
    if (resource === undefined) continue;
    const verb = check.verbs.size === 0 ? rule.verbs[0] : grantsVerb(rule, check.verbs);
    if (verb === undefined) continue;
    report(
      rule.itemOf('resources', resource) ?? rule.node,
      `${roleName(object)} can ${check.what} (\`${verb}\` on \`${resource}\`): grant it only to the subjects that need it`,
    );
  }
}

/** Subjects that are people: a User or Group other than the cluster's built-in groups of machines and everyone. */
function isPerson(subject: KNode): boolean {
  const kind = subject.get('kind')?.value;
  const name = subject.get('name')?.value;
  if (kind !== 'User' && kind !== 'Group') return false;
  return typeof name === 'string' && !name.startsWith('system:');
}

interface Grant {
  binding: K8sObject;
  /** Every subject of the binding is a person (see `isPerson`). */
  peopleOnly: boolean;
}

const grantsByRun = new WeakMap<readonly K8sObject[], Map<string, Grant[]>>();

function grantKey(kind: string, name: string): string {
  return `${kind}\u0000${name}`;
}

function grantsOf(objects: readonly K8sObject[]): Map<string, Grant[]> {
  let grants = grantsByRun.get(objects);
  if (grants) return grants;
  grants = new Map();
  for (const object of objects) {
    if (!BINDING_KINDS.has(object.kind) || !isRbac(object)) continue;
    const kind = object.node.at('roleRef', 'kind')?.value;
    const name = object.node.at('roleRef', 'name')?.value;
    if (typeof kind !== 'string' || typeof name !== 'string') continue;
    const subjects = object.node.get('subjects')?.items() ?? [];
    const key = grantKey(kind, name);
    const list = grants.get(key) ?? [];
    list.push({ binding: object, peopleOnly: subjects.length > 0 && subjects.every(isPerson) });
    grants.set(key, list);
  }
  grantsByRun.set(objects, grants);
  return grants;
}

/**
 * Whether the run binds `role` and every binding of it grants to people only (named Users and
 * Groups): an administrator's role, not a ServiceAccount's, whose token a compromised pod would
 * hand to an attacker. A role the run does not bind is judged on its own (false).
 */
export function boundOnlyToPeople(role: K8sObject, objects: readonly K8sObject[]): boolean {
  if (role.name === undefined || !ROLE_KINDS.has(role.kind)) return false;
  const bindings = (grantsOf(objects).get(grantKey(role.kind, role.name)) ?? []).filter(
    // A Role is bound from its own namespace; an unset namespace on either side may be the same one.
    (g) =>
      role.kind === 'ClusterRole' ||
      g.binding.namespace === undefined ||
      role.namespace === undefined ||
      g.binding.namespace === role.namespace,
  );
  return bindings.length > 0 && bindings.every((g) => g.peopleOnly);
}

/** `reportPermission` over every Role and ClusterRole of the run but those bound to people only. */
export function reportRunPermission(
  objects: readonly K8sObject[],
  check: PermissionCheck,
  report: (at: KNode, message: string) => void,
): void {
  for (const object of objects) {
    if (!ROLE_KINDS.has(object.kind) || !isRbac(object) || boundOnlyToPeople(object, objects)) continue;
    reportPermission(object, check, report);
  }
}
