import { PublishedSpan, sumOf, type SparseVector } from '../research/disclosure.js';

/**
 * Secondary suppression for the public figures page. The page answers fixed periods only (a
 * month, a calendar quarter, a calendar year), for one area or for all of them, so for one
 * metric and one year everything it can ever print is a sum of the same base cells — area ×
 * month — taken in six shapes: the cell itself, an area's quarter, an area's year, a month of
 * all areas, a quarter of all areas, the year of all areas. A reader who collects every page
 * holds all of them that are shown.
 *
 * Primary: a value from 1 to k−1 is hidden ("< k"). Secondary: more quantities are hidden
 * until no hidden one can be recomputed from the shown ones (checked exactly by the same
 * linear-algebra engine as research releases). A zero is always shown: it reveals nothing
 * about anyone, and a reader would assume it anyway.
 *
 * Only additive metrics (counts that add up over months and areas) need this; distinct counts
 * (sites) and coverage keep the primary rule alone.
 */
export const MONTHS_IN_YEAR = 12;

export type PublicYearCounts = {
  /** Row labels (area codes), in a stable order. */
  areas: string[];
  /** cells[area][month], month 0 = January. */
  cells: number[][];
};

export type PublicQuantity =
  | { kind: 'cell'; area: number; month: number }
  | { kind: 'areaQuarter'; area: number; quarter: number }
  | { kind: 'areaYear'; area: number }
  | { kind: 'month'; month: number }
  | { kind: 'quarter'; quarter: number }
  | { kind: 'year' };

export type PublicYearSuppression = {
  /** True when the quantity must be shown as hidden on every page that prints it. */
  hidden(q: PublicQuantity): boolean;
  /** Its value (whether or not it is shown). */
  value(q: PublicQuantity): number;
};

function keyOf(q: PublicQuantity): string {
  switch (q.kind) {
    case 'cell': return `c${q.area}.${q.month}`;
    case 'areaQuarter': return `aq${q.area}.${q.quarter}`;
    case 'areaYear': return `ay${q.area}`;
    case 'month': return `m${q.month}`;
    case 'quarter': return `q${q.quarter}`;
    case 'year': return 'y';
  }
}

/** Every quantity the public page can print for one year, finest first. */
export function publicQuantities(areaCount: number): PublicQuantity[] {
  const list: PublicQuantity[] = [];
  for (let a = 0; a < areaCount; a++) for (let m = 0; m < MONTHS_IN_YEAR; m++) list.push({ kind: 'cell', area: a, month: m });
  for (let a = 0; a < areaCount; a++) for (let q = 0; q < 4; q++) list.push({ kind: 'areaQuarter', area: a, quarter: q });
  for (let a = 0; a < areaCount; a++) list.push({ kind: 'areaYear', area: a });
  for (let m = 0; m < MONTHS_IN_YEAR; m++) list.push({ kind: 'month', month: m });
  for (let q = 0; q < 4; q++) list.push({ kind: 'quarter', quarter: q });
  list.push({ kind: 'year' });
  return list;
}

/** The base cells (area × MONTHS_IN_YEAR + month) a quantity sums. */
export function baseCellsOf(q: PublicQuantity, areaCount: number): number[] {
  const id = (a: number, m: number) => a * MONTHS_IN_YEAR + m;
  const months = (q.kind === 'cell' || q.kind === 'month') ? [q.month]
    : (q.kind === 'areaQuarter' || q.kind === 'quarter') ? [0, 1, 2].map((x) => q.quarter * 3 + x)
      : Array.from({ length: MONTHS_IN_YEAR }, (_, m) => m);
  const areas = (q.kind === 'cell' || q.kind === 'areaQuarter' || q.kind === 'areaYear') ? [q.area]
    : Array.from({ length: areaCount }, (_, a) => a);
  return areas.flatMap((a) => months.map((m) => id(a, m)));
}

export function suppressPublicYear(counts: PublicYearCounts, k: number): PublicYearSuppression {
  const R = counts.areas.length;
  const all = publicQuantities(R);
  const base = counts.cells.flat();
  const vectors: SparseVector[] = all.map((q) => sumOf(baseCellsOf(q, R)));
  const values = all.map((q) => baseCellsOf(q, R).reduce((s, c) => s + (base[c] ?? 0), 0));
  const index = new Map(all.map((q, i) => [keyOf(q), i]));
  const hidden = new Set<number>();
  if (k >= 2) {
    values.forEach((v, i) => { if (v > 0 && v < k) hidden.add(i); });
    // Each pass hides one more quantity per derivation still open; it ends because every pass
    // hides at least one quantity or stops, and there are finitely many.
    for (let guard = 0; guard <= all.length; guard++) {
      const span = new PublishedSpan();
      all.forEach((_, i) => { if (!hidden.has(i)) span.add(vectors[i]!, i); });
      const batch = new Set<number>();
      for (const h of hidden) {
        const used = span.explain(vectors[h]!);
        if (!used) continue;
        // A shown zero protects nothing when hidden (its cells are known zeros); a derivation of a
        // non-zero value always uses some non-zero quantity, so a candidate always exists.
        const candidates = used.filter((i) => values[i]! > 0);
        if (candidates.length === 0 || candidates.some((i) => batch.has(i))) continue;
        // Hide the smallest value, and the finest quantity among equals: it costs readers least.
        candidates.sort((a, b) => values[a]! - values[b]! || vectors[a]!.size - vectors[b]!.size);
        batch.add(candidates[0]!);
      }
      if (batch.size === 0) break;
      for (const i of batch) hidden.add(i);
    }
  }
  const at = (q: PublicQuantity) => {
    const i = index.get(keyOf(q));
    if (i === undefined) throw new RangeError(`No such public quantity: ${keyOf(q)}`);
    return i;
  };
  return { hidden: (q) => hidden.has(at(q)), value: (q) => values[at(q)]! };
}
