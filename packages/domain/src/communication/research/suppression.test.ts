import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recoverable } from './disclosure.js';
import { differencingCheck } from './differencing.js';
import { checkProfile, coarsenDay, exceedsGrant, isoWeekOf } from './profile.js';
import { publishedVectors, suppressTable, tableVectors } from './suppression.js';

const tables = fc.integer({ min: 1, max: 6 }).chain((r) => fc.integer({ min: 1, max: 6 }).chain((c) =>
  fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 40 })), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })
    .map((cells) => ({ rows: cells.map((_, i) => `r${i}`), columns: cells[0]!.map((_, j) => `c${j}`), cells }))));

describe('small-count suppression (property tests)', () => {
  it('never publishes a non-zero count below k', () => {
    fc.assert(fc.property(tables, fc.integer({ min: 2, max: 10 }), (t, k) => {
      const s = suppressTable(t, k);
      for (const row of s.cells) for (const x of row) if (x !== null) expect(x === 0 || x >= k).toBe(true);
    }), { numRuns: 300 });
  });

  it('no hidden cell can be recomputed from the published cells and totals', () => {
    fc.assert(fc.property(tables, fc.integer({ min: 2, max: 10 }), (t, k) => {
      const s = suppressTable(t, k);
      const v = tableVectors(t.rows.length, t.columns.length);
      const hidden = s.cells.flatMap((r, i) => r.flatMap((x, j) => (x === null ? [v.cell(i, j)] : [])));
      expect(recoverable(publishedVectors(s), hidden).some(Boolean)).toBe(false);
    }), { numRuns: 300 });
  });

  it('never hides a zero (an empty cell is taken as known), yet still protects the small ones', () => {
    fc.assert(fc.property(tables, (t) => {
      const s = suppressTable(t, 5);
      s.cells.forEach((r, i) => r.forEach((x, j) => { if (t.cells[i]![j] === 0) expect(x).toBe(0); }));
      const v = tableVectors(t.rows.length, t.columns.length);
      const zeros = t.cells.flatMap((r, i) => r.flatMap((x, j) => (x === 0 ? [v.cell(i, j)] : [])));
      const hidden = s.cells.flatMap((r, i) => r.flatMap((x, j) => (x === null ? [v.cell(i, j)] : [])));
      expect(recoverable([...publishedVectors(s), ...zeros], hidden).some(Boolean)).toBe(false);
    }), { numRuns: 200 });
  });

  it('publishes what it shows unchanged, and every primary cell is hidden', () => {
    fc.assert(fc.property(tables, (t) => {
      const s = suppressTable(t, 5);
      s.cells.forEach((r, i) => r.forEach((x, j) => { if (x !== null) expect(x).toBe(t.cells[i]![j]); }));
      for (const p of s.primary) expect(s.cells[p.row]![p.column]).toBeNull();
    }), { numRuns: 200 });
  });

  it('hides a second cell when one small cell would be the difference of a total (secondary suppression)', () => {
    const s = suppressTable({ rows: ['a', 'b'], columns: ['x', 'y'], cells: [[3, 20], [15, 30]] }, 5);
    expect(s.cells[0]![0]).toBeNull();
    expect(s.secondary.length).toBeGreaterThan(0);
    expect(s.total).toBe(68);
  });

  it('refuses k below 2', () => {
    expect(() => suppressTable({ rows: ['a'], columns: ['x'], cells: [[1]] }, 1)).toThrow();
  });
});

describe('differencing check', () => {
  it('names the cell two releases reveal together (month total minus the weeks published apart)', () => {
    // Earlier release: commune A in weeks W1 (hidden, 2 evictions on day d1) and W2 (published).
    const earlier = { published: [{ label: 'A W2', cells: ['A|d2'] }, { label: 'A total', cells: ['A|d1', 'A|d2', 'B|d1'] }], hidden: [{ label: 'A W1', cells: ['A|d1'] }, { label: 'B W1', cells: ['B|d1'] }] };
    // New release by month: commune B's month total alone, published.
    const next = { published: [{ label: 'B month', cells: ['B|d1'] }], hidden: [] };
    expect(differencingCheck(next, [earlier]).sort()).toEqual(['A W1', 'B W1']);
    expect(differencingCheck({ published: [], hidden: [] }, [earlier])).toEqual([]);
  });

  it('refuses two overlapping periods whose difference is a small count (January 1–20, then 1–31)', () => {
    const counts: Record<string, number> = { 's|01-05': 4, 's|01-12': 3, 's|01-25': 2 };
    const atoms = { k: 5, count: (c: string) => counts[c] ?? 0, describe: (cells: readonly string[]) => cells.join('+') };
    const first = { published: [{ label: 'Calais 2025-01 (1–20)', cells: ['s|01-05', 's|01-12'] }], hidden: [] };
    const second = { published: [{ label: 'Calais 2025-01', cells: ['s|01-05', 's|01-12', 's|01-25'] }], hidden: [] };
    expect(differencingCheck(second, [first], atoms)).toEqual(['s|01-25']);
    // Alone, or with a large enough difference, nothing is refused.
    expect(differencingCheck(second, [], atoms)).toEqual([]);
    counts['s|01-25'] = 6;
    expect(differencingCheck(second, [first], atoms)).toEqual([]);
  });
});

describe('profiles', () => {
  it('refuses free text and identities, unknown fields and k below 2', () => {
    expect(checkProfile({ dateLevel: 'month', placeLevel: 'area', measures: ['evictions', 'notes'], k: 5, hxl: false })).toEqual({ code: 'research.profile_forbidden_field', field: 'notes' });
    expect(checkProfile({ dateLevel: 'month', placeLevel: 'area', measures: ['personName'], k: 5, hxl: false })?.code).toBe('research.profile_forbidden_field');
    expect(checkProfile({ dateLevel: 'month', placeLevel: 'area', measures: ['bogus'], k: 5, hxl: false })?.code).toBe('research.profile_unknown_field');
    expect(checkProfile({ dateLevel: 'month', placeLevel: 'area', measures: ['evictions'], k: 1, hxl: false })?.code).toBe('research.profile_k_too_small');
    expect(checkProfile({ dateLevel: 'month', placeLevel: 'area', measures: ['evictions'], k: 2, hxl: false })).toBeNull();
  });
  it('keeps a profile within the agreement', () => {
    expect(exceedsGrant({ dateLevel: 'day', placeLevel: 'site', measures: ['evictions', 'women'], k: 5, hxl: false },
      { finestDate: 'isoWeek', finestPlace: 'commune', measures: ['evictions'] })).toEqual(['dateLevel:day', 'placeLevel:site', 'women']);
  });
  it('coarsens days to ISO weeks and months', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(coarsenDay('2026-03-15', 'month')).toBe('2026-03');
    expect(coarsenDay('2026-03-15', 'day')).toBe('2026-03-15');
  });
});
