import { DEFAULT_LIMITS, overBudget, type Limits } from '../util/limits.js';

/** What one loaded document weighs with its aliases expanded (js-yaml shares aliased values by reference). */
interface Weight {
  nodes: number;
  chars: number;
  /** Levels below this node (0 for a scalar). */
  height: number;
}

export type BudgetLimits = Pick<Limits, 'maxYamlNodes' | 'maxDepth' | 'maxFileBytes'>;

/**
 * Checks a loaded document against the YAML budgets and returns what is wrong, or undefined.
 * Each distinct object is visited once (its expanded weight memoized), so the check is linear in the
 * document as written even when its aliases expand to 10^9 nodes (billion laughs). The node and text
 * budgets apply to expansion only: a document without aliases is bounded by the byte budget already.
 */
export function documentOverBudget(document: unknown, limits: BudgetLimits = DEFAULT_LIMITS, mayAlias = true): string | undefined {
  if (!mayAlias)
    return nestedDeeperThan(document, limits.maxDepth) ? `nested ${overBudget('maxDepth', limits.maxDepth, 'level')}` : undefined;
  const memo = new Map<object, Weight>();
  const open = new Set<object>();
  let aliased = false;
  let problem: string | undefined;

  const visit = (value: unknown, depth: number): Weight => {
    if (typeof value === 'string') return { nodes: 1, chars: value.length, height: 0 };
    if (typeof value !== 'object' || value === null || value instanceof Date) return SCALAR;
    const known = memo.get(value);
    if (known) {
      aliased = true;
      // An alias nests its node again here: the depth budget counts it expanded.
      if (depth + known.height > limits.maxDepth) problem = `nested ${overBudget('maxDepth', limits.maxDepth, 'level')}`;
      return known;
    }
    if (open.has(value)) {
      problem = 'a YAML alias refers to a node that contains it (a cycle)';
      return SCALAR;
    }
    if (depth > limits.maxDepth) {
      problem = `nested ${overBudget('maxDepth', limits.maxDepth, 'level')}`;
      return SCALAR;
    }
    open.add(value);
    const weight: Weight = { nodes: 1, chars: 0, height: 0 };
    if (Array.isArray(value)) {
      for (const item of value) {
        if (problem) break;
        add(weight, visit(item, depth + 1));
      }
    } else {
      for (const key of Object.keys(value)) {
        if (problem) break;
        weight.chars += key.length;
        add(weight, visit((value as Record<string, unknown>)[key], depth + 1));
      }
    }
    open.delete(value);
    memo.set(value, weight);
    return weight;
  };

  const total = visit(document, 0);
  if (problem) return problem;
  if (aliased && total.nodes > limits.maxYamlNodes)
    return `YAML aliases expand it to ${total.nodes} nodes, ${overBudget('maxYamlNodes', limits.maxYamlNodes, 'node')}`;
  // Without aliases the text is bounded by the bytes read; a scalar aliased many times is not seen as an alias here.
  const maxChars = 2 * limits.maxFileBytes;
  if (total.chars > maxChars)
    return `YAML aliases expand it to ${total.chars} characters of text, over twice the ${limits.maxFileBytes}-byte input budget (raise it with \`limits.maxFileBytes\` in .k8slint.yaml)`;
  return undefined;
}

/** Depth check alone, for a document without anchors (a plain walk, cheaper than the memoized one). */
function nestedDeeperThan(value: unknown, maxDepth: number, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > maxDepth) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestedDeeperThan(item, maxDepth, depth + 1)) return true;
  } else {
    for (const key in value) if (nestedDeeperThan((value as Record<string, unknown>)[key], maxDepth, depth + 1)) return true;
  }
  return false;
}

const SCALAR: Weight = Object.freeze({ nodes: 1, chars: 0, height: 0 });

function add(into: Weight, child: Weight): void {
  into.nodes += child.nodes;
  into.chars += child.chars;
  into.height = Math.max(into.height, child.height + 1);
}
