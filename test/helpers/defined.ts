// Narrowing for tests under noUncheckedIndexedAccess: each helper asserts what the test relies on, so a
// missing item fails as an assertion instead of a TypeError, and hands the value back typed.
import { expect } from 'vitest';

export function defined<T>(value: T | undefined, what?: string): T {
  expect(value, what).toBeDefined();
  return value as T;
}

type Tuple<T, N extends number, Acc extends T[] = []> = Acc['length'] extends N ? Acc : Tuple<T, N, [...Acc, T]>;

/** The first `count` items, asserting there are at least that many; meant to be destructured. */
export function take<T, N extends number>(items: readonly T[], count: N): Tuple<T, N> {
  expect(items.length, `at least ${count} items`).toBeGreaterThanOrEqual(count);
  return items.slice(0, count) as Tuple<T, N>;
}
