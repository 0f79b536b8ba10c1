import { PublishedSpan, sumOf } from './disclosure.js';

/**
 * The differencing check: a release must not let its recipient recover a hidden count by
 * subtracting what they already hold (their earlier releases, the public page). Every
 * quantity is described by the base cells it sums (keys such as `<site>|<day>`, only those
 * with data: treating empty base cells as known zeros is the cautious assumption).
 */
export type Quantity = { label: string; cells: readonly string[] };
export type Disclosure = { published: readonly Quantity[]; hidden: readonly Quantity[] };

/**
 * Labels of the hidden quantities (of the new release and of the earlier ones) that become
 * recoverable once the new release is added to what the recipient holds — and were not
 * already recoverable before (those are the earlier releases' own problem, reported apart).
 */
export function differencingCheck(next: Disclosure, held: readonly Disclosure[]): string[] {
  const index = new Map<string, number>();
  const vec = (q: Quantity) => sumOf(q.cells.map((c) => {
    let i = index.get(c);
    if (i === undefined) { i = index.size; index.set(c, i); }
    return i;
  }));
  const before = new PublishedSpan();
  const after = new PublishedSpan();
  for (const d of held) for (const q of d.published) { const v = vec(q); before.add(v); after.add(v); }
  for (const q of next.published) after.add(vec(q));
  const exposed: string[] = [];
  for (const q of [...next.hidden, ...held.flatMap((d) => d.hidden)]) {
    // A hidden quantity summing no base cell is an empty cell: nothing to protect.
    if (q.cells.length === 0) continue;
    const v = vec(q);
    if (after.determines(v) && !before.determines(v)) exposed.push(q.label);
  }
  return [...new Set(exposed)];
}
