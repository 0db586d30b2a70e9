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
    const list = (field: string): string[] => (node.get(field)?.items() ?? []).map((i) => i.value).filter((v): v is string => typeof v === 'string');
    return {
      node,
      apiGroups: list('apiGroups'),
      resources: list('resources'),
      verbs: list('verbs'),
      resourceNames: list('resourceNames'),
      itemOf: (field, value) => node.get(field)?.items().find((i) => i.value === value),
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
    report(rule.itemOf('resources', resource) ?? rule.node, `${roleName(object)} can ${check.what} (\`${verb}\` on \`${resource}\`): grant it only to the subjects that need it`);
  }
}
