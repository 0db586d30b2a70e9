import { isMapping, type Container, type KNode } from '../../src/model/k8s.js';

/** Every node under `node` (itself included), depth first; bounded so a pathological document cannot recurse forever. */
export function walk(node: KNode, visit: (node: KNode) => void, depth = 0): void {
  if (depth > 40) return;
  visit(node);
  for (const child of Array.isArray(node.value) ? node.items() : node.entries().map(([, n]) => n)) walk(child, visit, depth + 1);
}

/** The container's `command` and `args` as one list of strings (non-strings left out). */
export function commandLine(container: Container): string[] {
  const out: string[] = [];
  for (const key of ['command', 'args']) {
    const list = container.node.value[key];
    if (Array.isArray(list)) for (const item of list) if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
  }
  return out;
}

/** Whether `value` is a mapping holding `key`; narrows for callers. */
export function hasKey(value: unknown, key: string): boolean {
  return isMapping(value) && Object.prototype.hasOwnProperty.call(value, key);
}
