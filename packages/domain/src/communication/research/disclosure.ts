/**
 * Disclosure control, as pure linear algebra: which hidden quantities can a reader recompute
 * from what was published? Every published number is the sum of some "base cells" (the finest
 * counts: place × day, say); a hidden quantity is itself a sum of base cells. It can be
 * recomputed exactly iff its vector lies in the span of the published vectors — whatever the
 * values are. One engine serves the release's own totals (secondary suppression) and the
 * differencing check across releases (the recipient's earlier releases, the public page).
 *
 * Vectors are sparse (base-cell index → coefficient). Elimination is done in floating point
 * on 0/±1 inputs with a tolerance: the systems are small and well-conditioned.
 */
export type SparseVector = Map<number, number>;

const EPS = 1e-9;

/** A sum of base cells: the cells are listed by index, each counted once. */
export function sumOf(cells: Iterable<number>): SparseVector {
  const v: SparseVector = new Map();
  for (const c of cells) v.set(c, (v.get(c) ?? 0) + 1);
  return v;
}

/**
 * The span of the published vectors, in echelon form: each row has its own pivot and none of the
 * pivots that existed when it was added. Rows are not reduced against later pivots (that would
 * cost every existing row on each addition: quadratic over a release's thousands of cells), so
 * `reduce` eliminates pivots until none is left — eliminating a pivot only brings in newer ones,
 * so it ends, and it ends on zero exactly when the vector is in the span.
 */
export class PublishedSpan {
  // pivot → row with 1 at its pivot, and which added vectors (by id) it is made of.
  private readonly rows = new Map<number, { row: SparseVector; origin: SparseVector }>();

  /** `id` names the published entry, so `explain` can say which entries a derivation uses. */
  add(vector: SparseVector, id = -1): void {
    const { r, origin } = this.reduce(vector, sumOf(id >= 0 ? [id] : []));
    const pivot = firstKey(r);
    if (pivot === undefined) return;
    const scale = r.get(pivot)!;
    for (const [k, v] of r) r.set(k, v / scale);
    for (const [k, v] of origin) origin.set(k, v / scale);
    this.rows.set(pivot, { row: r, origin });
  }

  /** True when the vector is a combination of what was published: it can be recomputed. */
  determines(vector: SparseVector): boolean {
    return firstKey(this.reduce(vector, new Map()).r) === undefined;
  }

  /** The ids of the published entries a derivation of the vector uses, or null if it cannot be derived. */
  explain(vector: SparseVector): number[] | null {
    const { r, origin } = this.reduce(vector, new Map());
    if (firstKey(r) !== undefined) return null;
    return [...origin.entries()].filter(([, v]) => Math.abs(v) >= EPS).map(([k]) => k);
  }

  /** Like `explain`, with the coefficient of each published entry in the derivation. */
  derivation(vector: SparseVector): Map<number, number> | null {
    const { r, origin } = this.reduce(vector, new Map());
    if (firstKey(r) !== undefined) return null;
    return new Map([...origin.entries()].filter(([, v]) => Math.abs(v) >= EPS));
  }

  private reduce(vector: SparseVector, origin: SparseVector): { r: SparseVector; origin: SparseVector } {
    const r: SparseVector = new Map(vector);
    const o: SparseVector = new Map(origin);
    for (let changed = true; changed;) {
      changed = false;
      for (const k of [...r.keys()]) {
        const f = r.get(k);
        const basis = this.rows.get(k);
        if (f === undefined || basis === undefined) continue;
        axpy(r, -f, basis.row);
        axpy(o, -f, basis.origin);
        changed = true;
      }
    }
    return { r, origin: o };
  }
}

function axpy(target: SparseVector, factor: number, source: SparseVector) {
  for (const [k, v] of source) {
    const next = (target.get(k) ?? 0) + factor * v;
    if (Math.abs(next) < EPS) target.delete(k);
    else target.set(k, next);
  }
}

function firstKey(v: SparseVector): number | undefined {
  for (const [k, x] of v) if (Math.abs(x) >= EPS) return k;
  return undefined;
}

/** Which of the hidden quantities the published ones determine (same order as `hidden`). */
export function recoverable(published: SparseVector[], hidden: SparseVector[]): boolean[] {
  const span = new PublishedSpan();
  for (const p of published) span.add(p);
  return hidden.map((h) => span.determines(h));
}
