/**
 * Loops in place of `Math.max(...xs)`, `Math.min(...xs)` and `a.push(...xs)` (issue 16): a spread
 * passes every element as an argument on the stack, so over data that grows with the input it
 * throws `RangeError: Maximum call stack size exceeded` (about 120k elements on Node 20).
 * test/robustness/spread.test.ts keeps spread arguments out of core and CLI.
 */

/** The largest of `values` and `floor` (`floor` alone when there are none). */
export function maxOf(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The smallest of `values` and `ceiling` (`ceiling` alone when there are none). */
export function minOf(values: Iterable<number>, ceiling = Number.POSITIVE_INFINITY): number {
  let min = ceiling;
  for (const v of values) if (v < min) min = v;
  return min;
}

/** Appends every item to `target`, one at a time; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
