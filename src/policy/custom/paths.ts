import type { KNode } from '../../model/k8s.js';

/** One step of a field path: a key, an index, or every item of a list (or every value of a mapping). */
export type PathStep = string | number | { each: true };

/**
 * Reads `spec.template.spec.containers[*].image`, `metadata.labels['app.kubernetes.io/name']` or
 * `object.spec.ports[0]`: dotted keys, `[n]` indices, `[*]` for every item, quoted keys in brackets.
 * A leading variable name (`object.`, `container.`, `service.`) is dropped. Returns an error
 * message with the character offset where the path stops making sense.
 */
export function parsePath(text: string, roots: readonly string[]): PathStep[] | { error: string; offset: number } {
  const steps: PathStep[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '.' && steps.length > 0) {
      i++;
      continue;
    }
    if (c === '[') {
      const close = closingBracket(text, i);
      if (close === -1) return { error: 'unclosed "["', offset: i };
      const inside = text.slice(i + 1, close).trim();
      if (inside === '*') steps.push({ each: true });
      else if (/^\d+$/.test(inside)) steps.push(Number(inside));
      else if (/^'.*'$|^".*"$/s.test(inside) && inside.length >= 2) steps.push(inside.slice(1, -1));
      else return { error: `"[${inside}]" is neither an index, [*] nor a quoted key`, offset: i };
      i = close + 1;
      continue;
    }
    const word = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i));
    if (!word) return { error: `unexpected "${c ?? ''}"`, offset: i };
    steps.push(word[0]);
    i += word[0].length;
  }
  if (steps.length > 0 && typeof steps[0] === 'string' && roots.includes(steps[0])) steps.shift();
  return steps;
}

function closingBracket(text: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ']') return i;
  }
  return -1;
}

/** A place a path leads to: the node, or (when it is missing) the deepest node that exists on the way. */
export interface PathTarget {
  node: KNode;
  found: boolean;
  /** The steps from the root to this place: concrete keys and indices, then (when missing) the steps not reached. */
  steps: PathStep[];
}

/** Every node the path reaches from `root`; a `[*]` over an empty or missing list gives the list (or its parent) as missing. */
export function resolvePath(root: KNode, steps: readonly PathStep[]): PathTarget[] {
  let current: PathTarget[] = [{ node: root, found: true, steps: [] }];
  steps.forEach((step, index) => {
    const next: PathTarget[] = [];
    for (const target of current) {
      if (!target.found) {
        next.push(target);
        continue;
      }
      const missing = (): PathTarget => ({ node: target.node, found: false, steps: [...target.steps, ...steps.slice(index)] });
      if (typeof step === 'object') {
        const children = Array.isArray(target.node.value) ? target.node.items() : target.node.entries().map(([, node]) => node);
        if (children.length === 0) next.push(missing());
        for (const child of children) next.push({ node: child, found: true, steps: [...target.steps, child.path[child.path.length - 1]!] });
        continue;
      }
      const child = target.node.get(step);
      next.push(child ? { node: child, found: true, steps: [...target.steps, step] } : missing());
    }
    current = next;
  });
  return current;
}

/** The value at concrete `steps` under `value`; undefined where a step is missing or is a `[*]`. */
export function valueAt(value: unknown, steps: readonly PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof step === 'object' || current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
