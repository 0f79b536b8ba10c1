import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recoverable, sumOf } from '../research/disclosure.js';
import { baseCellsOf, publicQuantities, suppressPublicYear, MONTHS_IN_YEAR } from './public-year.js';

const yearOf = (areas: number, fill: (a: number, m: number) => number) => ({
  areas: Array.from({ length: areas }, (_, a) => `area${a}`),
  cells: Array.from({ length: areas }, (_, a) => Array.from({ length: MONTHS_IN_YEAR }, (_, m) => fill(a, m))),
});

describe('public page suppression over a year', () => {
  it('hides a second month of the quarter so the hidden one cannot be subtracted from the quarter', () => {
    // One area; January 2 evictions (hidden below 5), February 10, March 7, then nothing.
    const s = suppressPublicYear(yearOf(1, (_, m) => [2, 10, 7][m] ?? 0), 5);
    expect(s.hidden({ kind: 'cell', area: 0, month: 0 })).toBe(true);
    // Quarter 19 − February 10 − March 7 would give January: one more month is hidden.
    const febOrMar = s.hidden({ kind: 'cell', area: 0, month: 1 }) || s.hidden({ kind: 'cell', area: 0, month: 2 });
    const quarter = s.hidden({ kind: 'areaQuarter', area: 0, quarter: 0 });
    expect(febOrMar || quarter).toBe(true);
    // Zeros always show: they reveal nothing.
    expect(s.hidden({ kind: 'cell', area: 0, month: 5 })).toBe(false);
  });

  it('shows everything when nothing is small', () => {
    const s = suppressPublicYear(yearOf(2, (a, m) => (m % 2 ? 0 : 6 + a)), 5);
    expect(publicQuantities(2).some((q) => s.hidden(q))).toBe(false);
  });

  it('never lets a hidden value be recomputed from everything the pages show (random years)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 2, max: 6 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 36, maxLength: 36 }),
      (areas, k, pool) => {
        const counts = yearOf(areas, (a, m) => pool[(a * MONTHS_IN_YEAR + m) % pool.length]!);
        const s = suppressPublicYear(counts, k);
        const all = publicQuantities(areas);
        const vector = (q: (typeof all)[number]) => sumOf(baseCellsOf(q, areas));
        const shown = all.filter((q) => !s.hidden(q));
        const hidden = all.filter((q) => s.hidden(q));
        // Every small value is hidden, every hidden value stays out of reach.
        for (const q of all) if (s.value(q) > 0 && s.value(q) < k) expect(s.hidden(q)).toBe(true);
        expect(recoverable(shown.map(vector), hidden.map(vector)).every((r) => !r)).toBe(true);
      },
    ), { numRuns: 60 });
  });
});
