/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument
 * and overflows the stack from about 100k items (a `List` of 150k objects, a RUN of 200k commands).
 */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values` and `floor` (`Math.max(floor, ...values)` without spreading into a call). */
export function maxOf(values: readonly number[], floor: number): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
