/**
 * The cost budget of one evaluation: every node the evaluator runs costs 1 (so each comprehension
 * iteration does), and every string or list an operator or function creates or scans costs its
 * size (a string 1 per 10 characters, a list 1 per element): charged after it is created, or before
 * for functions that could grow a value many times over in one call (`join`, `replace`).
 */

export class BudgetExceeded extends Error {
  constructor(readonly limit: number) {
    super(
      `CEL cost budget of ${limit} exceeded (each evaluation step costs 1; each string created or scanned 1 per 10 characters; each list created or scanned 1 per element)`,
    );
  }
}

interface Budget {
  spent: number;
  readonly limit: number;
  /** Thrown again at every step after the first excess (the library absorbs errors in `||`, `all`, `exists`), built once. */
  error?: BudgetExceeded;
}

let active: Budget | undefined;

/** Runs `evaluate` with a fresh budget of `limit`; reports whether it was exceeded even when the library swallowed the error (`true || …`). */
export function withBudget<T>(limit: number, evaluate: () => T): { result: T; exceeded: boolean } {
  const previous = active;
  const budget: Budget = { spent: 0, limit };
  active = budget;
  try {
    const result = evaluate();
    return { result, exceeded: budget.spent > limit };
  } catch (error) {
    if (budget.spent > limit && !(error instanceof BudgetExceeded)) throw new BudgetExceeded(limit);
    throw error;
  } finally {
    active = previous;
  }
}

export function charge(units: number): void {
  if (active === undefined) return;
  active.spent += units;
  if (active.spent > active.limit) throw (active.error ??= new BudgetExceeded(active.limit));
}

export function stringCost(length: number): number {
  return Math.ceil(length / 10);
}

/** Charges the size of a value an operator or function created. */
export function chargeCreated(value: unknown): void {
  if (typeof value === 'string') charge(stringCost(value.length));
  else if (Array.isArray(value)) charge(value.length);
  else if (value instanceof Map) charge(value.size);
}
