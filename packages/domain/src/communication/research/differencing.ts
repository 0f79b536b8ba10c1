import { PublishedSpan, type SparseVector } from './disclosure.js';

/**
 * The differencing check: a release must not let its recipient recover a hidden or small count
 * by subtracting what they already hold (their earlier releases, the public page). Every
 * quantity is described by the base cells it sums (keys such as `<site>|<day>`, only those
 * with data: treating empty base cells as known zeros is the cautious assumption).
 *
 * Two things are protected:
 *  - the hidden cells of every release (new and earlier);
 *  - the "atoms": base cells that every published quantity either includes together or leaves
 *    out together. An atom is the finest thing a reader can isolate; if its total becomes
 *    computable and is a small count (0 < n < k), the release is refused. This catches the
 *    classic attack of two periods that overlap (January 1–20, then January 1–31).
 */
export type Quantity = { label: string; cells: readonly string[] };
export type Disclosure = { published: readonly Quantity[]; hidden: readonly Quantity[] };
export type AtomContext = { k: number; count: (cell: string) => number; describe: (cells: readonly string[]) => string };

/**
 * Labels of what becomes recoverable once the new release is added to what the recipient holds
 * — and was not already recoverable before (that is the earlier releases' own problem).
 */
export function differencingCheck(next: Disclosure, held: readonly Disclosure[], atoms?: AtomContext): string[] {
  const published = [...held.flatMap((d) => d.published), ...next.published];
  const hidden = [...next.hidden, ...held.flatMap((d) => d.hidden)];
  // The linear algebra runs on "parts": base cells that every quantity, published or hidden,
  // includes together or leaves out together. Every quantity is a union of parts, so a vector
  // is in the span over parts exactly when it is over base cells — and a release of a million
  // evictions has half a million base cells but only as many parts as its table has cells.
  const membership = new Map<string, number[]>();
  [...published, ...hidden].forEach((q, qi) => { for (const c of q.cells) (membership.get(c) ?? membership.set(c, []).get(c)!).push(qi); });
  const partIds = new Map<string, number>();
  const partOf = new Map<string, number>();
  for (const [cell, qs] of membership) {
    const key = qs.join(',');
    let id = partIds.get(key);
    if (id === undefined) { id = partIds.size; partIds.set(key, id); }
    partOf.set(cell, id);
  }
  const vec = (cells: readonly string[]) => {
    const v: SparseVector = new Map();
    for (const c of cells) v.set(partOf.get(c)!, 1);
    return v;
  };
  const before = new PublishedSpan();
  const after = new PublishedSpan();
  for (const d of held) for (const q of d.published) { const v = vec(q.cells); before.add(v); after.add(v); }
  for (const q of next.published) after.add(vec(q.cells));
  const exposed: string[] = [];
  for (const q of hidden) {
    // A hidden quantity summing no base cell is an empty cell: nothing to protect.
    if (q.cells.length === 0) continue;
    const v = vec(q.cells);
    if (after.determines(v) && !before.determines(v)) exposed.push(q.label);
  }
  if (atoms) {
    // Signature of a base cell: the published quantities it belongs to. Equal signatures = one atom.
    const newCells = new Set(next.published.flatMap((q) => q.cells));
    const groups = new Map<string, string[]>();
    for (const [cell, qs] of membership) {
      if (!newCells.has(cell)) continue; // the new release adds nothing about cells it does not contain
      const key = qs.filter((qi) => qi < published.length).join(',');
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(cell);
    }
    for (const cells of groups.values()) {
      const n = cells.reduce((a, c) => a + atoms.count(c), 0);
      if (n <= 0 || n >= atoms.k) continue;
      const v = vec(cells);
      if (after.determines(v) && !before.determines(v)) exposed.push(atoms.describe(cells));
    }
  }
  return [...new Set(exposed)];
}
