import { composeString } from '../../src/model/compose-build.js';
import type { ComposeService, ComposeString } from '../../src/model/compose.js';
import type { KNode } from '../../src/model/k8s.js';

/** `service.<key>` when it is literally `true` (a variable is never judged). */
export function composeTrue(service: ComposeService, key: string): KNode | undefined {
  const node = service.node.get(key);
  return node && (node.value === true || node.value === 'true') ? node : undefined;
}

/** A literal (variable-free) scalar field of the service with its text after `$$` unescaping. */
export function composeLiteral(service: ComposeService, key: string): { node: KNode; text: string } | undefined {
  const value = composeString(service.node.get(key));
  return literalOf(value);
}

/** A ComposeString's literal text (undefined when it holds a variable). */
export function literalOf(value: ComposeString | undefined): { node: KNode; text: string } | undefined {
  if (!value?.interpolation.literal || value.interpolation.withDefaults === undefined) return undefined;
  return { node: value.node, text: value.interpolation.withDefaults };
}

/** The literal string items of a list field (`cap_add`, `security_opt`), each with its node. */
export function composeListItems(service: ComposeService, key: string): Array<{ node: KNode; text: string }> {
  const out: Array<{ node: KNode; text: string }> = [];
  for (const item of service.node.get(key)?.items() ?? []) {
    const literal = literalOf(composeString(item));
    if (literal) out.push(literal);
  }
  return out;
}

/** `service "web"` for messages. */
export function describeService(service: ComposeService): string {
  return `service "${service.name}"`;
}
