/**
 * Budgets that bound the time and memory one input may take. Each has the config key that raises it,
 * named in the input error a file gets when it goes over.
 */
export interface Limits {
  /** Bytes read from one file or from stdin. */
  maxFileBytes: number;
  /** YAML nodes in one document, counted with aliases expanded (billion laughs). */
  maxYamlNodes: number;
  /** Kubernetes objects one file may produce (after `List` flattening). */
  maxObjectsPerFile: number;
  /** Nesting depth of one YAML/JSON document, and of any recursive walk over it. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 20 * 1024 * 1024,
  maxYamlNodes: 1_000_000,
  maxObjectsPerFile: 100_000,
  maxDepth: 200,
});

/** Where each budget is raised: `.k8slint.yaml` key (the lead wires `limits:` into the config schema). */
export const LIMIT_CONFIG_KEYS: Readonly<Record<keyof Limits, string>> = Object.freeze({
  maxFileBytes: 'limits.maxFileBytes',
  maxYamlNodes: 'limits.maxYamlNodes',
  maxObjectsPerFile: 'limits.maxObjectsPerFile',
  maxDepth: 'limits.maxDepth',
});

/** `over the 1000000-node YAML budget (limits.maxYamlNodes in .k8slint.yaml raises it)` */
export function overBudget(limit: keyof Limits, value: number, unit: string): string {
  return `over the ${value}-${unit} budget (raise it with \`${LIMIT_CONFIG_KEYS[limit]}\` in .k8slint.yaml)`;
}
