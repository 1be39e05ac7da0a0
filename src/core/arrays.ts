// Helpers for arrays of unbounded length: spreading one into push() or Math.max() passes every
// element as an argument, which overflows the stack past about 100,000 elements (a 200,000-row
// table did).

export function append<T>(target: T[], items: readonly T[]): void {
  for (const x of items) target.push(x);
}

/** The largest of `xs`, or `empty` when there are none. */
export function maxOf(xs: Iterable<number>, empty = -Infinity): number {
  let m = empty;
  for (const x of xs) if (x > m) m = x;
  return m;
}
