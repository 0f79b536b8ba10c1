import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, sumCounts } from './counts.js';
import { evictionInputSchema } from './eviction.js';
import { checkEviction } from './eviction-rules.js';
import { duplicateGroups, isProbableDuplicate } from './duplicates.js';
import { parisDate } from './paris-time.js';
import { diffRecords } from './record-diff.js';

const base = () => evictionInputSchema.parse({
  id: '00000000-0000-4000-8000-000000000001', operationId: '00000000-0000-4000-8000-000000000002', siteId: '00000000-0000-4000-8000-000000000003',
  arrivedAt: '2026-02-13T06:10:00+01:00',
});

describe('counts', () => {
  it('adds minimums into a minimum', () => {
    expect(sumCounts([{ n: 3, atLeast: false }, { n: 4, atLeast: true }, null])).toEqual({ n: 7, atLeast: true });
    expect(sumCounts([{ n: 3, atLeast: false }, { n: 4, atLeast: false }])).toEqual({ n: 7, atLeast: false });
    expect(sumCounts([])).toEqual({ n: 0, atLeast: false });
  });
  it('says "au moins" only for minimums', () => {
    expect(formatCount({ n: 12, atLeast: true }, 'fr')).toBe('au moins 12');
    expect(formatCount({ n: 12, atLeast: true }, 'en')).toBe('at least 12');
    expect(formatCount({ n: 12, atLeast: false }, 'fr')).toBe('12');
  });
  it('never loses the at-least flag whatever the order (property)', () => {
    const count = fc.record({ n: fc.nat(1000), atLeast: fc.boolean() });
    fc.assert(fc.property(fc.array(count), (list) => {
      const total = sumCounts(list);
      expect(total.n).toBe(list.reduce((s, c) => s + c.n, 0));
      expect(total.atLeast).toBe(list.some((c) => c.atLeast));
      expect(sumCounts([...list].reverse())).toEqual(total);
    }));
  });
  it('refuses negative and fractional counts', () => {
    expect(evictionInputSchema.safeParse({ ...base(), counts: { personsEvicted: { n: -1, atLeast: true } } }).success).toBe(false);
    expect(evictionInputSchema.safeParse({ ...base(), counts: { personsEvicted: { n: 1.5, atLeast: true } } }).success).toBe(false);
  });
});

describe('checkEviction', () => {
  const now = new Date('2026-02-13T08:00:00+01:00');
  it('accepts a plausible record', () => {
    expect(checkEviction({ ...base(), leftAt: '2026-02-13T06:40:00+01:00' }, now)).toEqual([]);
  });
  it('flags a time in the future, a departure before arrival and repeated item types', () => {
    const e = { ...base(), arrivedAt: '2026-02-13T09:00:00+01:00', leftAt: '2026-02-13T05:00:00+01:00', seized: [{ term: 'tent', n: 1, atLeast: true }, { term: 'tent', n: 2, atLeast: true }] };
    expect(checkEviction(e, now).map((p) => p.problem).sort()).toEqual(['duplicate_term', 'in_future', 'left_before_arrival']);
  });
  it('tolerates five minutes of clock skew between phone and server', () => {
    expect(checkEviction({ ...base(), arrivedAt: '2026-02-13T08:04:00+01:00' }, now)).toEqual([]);
  });
  it('flags more violent arrests than arrests only when the arrests are exact', () => {
    const e = { ...base(), counts: { ...base().counts, arrests: { n: 1, atLeast: false }, arrestsWithViolence: { n: 2, atLeast: false } } };
    expect(checkEviction(e, now).map((p) => p.problem)).toEqual(['more_violent_arrests_than_arrests']);
    expect(checkEviction({ ...e, counts: { ...e.counts, arrests: { n: 1, atLeast: true } } }, now)).toEqual([]);
  });
});

describe('duplicate detection', () => {
  const span = (id: string, siteId: string, from: string, to: string | null, date = '2026-02-13') => ({ id, siteId, date, arrivedAt: from, leftAt: to });
  it('matches the same site, day and overlapping times', () => {
    expect(isProbableDuplicate(span('a', 's', '2026-02-13T06:00:00Z', '2026-02-13T06:30:00Z'), span('b', 's', '2026-02-13T06:20:00Z', '2026-02-13T07:00:00Z'))).toBe(true);
  });
  it('does not match another site, another day or separate times', () => {
    const a = span('a', 's', '2026-02-13T06:00:00Z', '2026-02-13T06:30:00Z');
    expect(isProbableDuplicate(a, span('b', 't', '2026-02-13T06:10:00Z', null))).toBe(false);
    expect(isProbableDuplicate(a, span('b', 's', '2026-02-14T06:10:00Z', null, '2026-02-14'))).toBe(false);
    expect(isProbableDuplicate(a, span('b', 's', '2026-02-13T09:00:00Z', '2026-02-13T09:30:00Z'))).toBe(false);
  });
  it('treats an open eviction as lasting an hour', () => {
    expect(isProbableDuplicate(span('a', 's', '2026-02-13T06:00:00Z', null), span('b', 's', '2026-02-13T06:50:00Z', null))).toBe(true);
    expect(isProbableDuplicate(span('a', 's', '2026-02-13T06:00:00Z', null), span('b', 's', '2026-02-13T07:10:00Z', null))).toBe(false);
  });
  it('groups transitively and symmetrically (property)', () => {
    const arb = fc.array(fc.record({ site: fc.constantFrom('s1', 's2'), start: fc.integer({ min: 0, max: 600 }), len: fc.integer({ min: 0, max: 90 }) }), { maxLength: 12 });
    fc.assert(fc.property(arb, (list) => {
      const spans = list.map((x, i) => span(`e${i}`, x.site, new Date(Date.UTC(2026, 1, 13, 5) + x.start * 60_000).toISOString(), new Date(Date.UTC(2026, 1, 13, 5) + (x.start + x.len) * 60_000).toISOString()));
      const groups = duplicateGroups(spans);
      const ids = groups.flat();
      expect(new Set(ids).size).toBe(ids.length);
      for (const g of groups) expect(new Set(g.map((id) => spans.find((s) => s.id === id)!.siteId)).size).toBe(1);
      expect(duplicateGroups([...spans].reverse()).map((g) => [...g].sort()).sort()).toEqual(groups.map((g) => [...g].sort()).sort());
    }));
  });
});

describe('parisDate', () => {
  it('counts by the day in Calais, across daylight-saving changes', () => {
    expect(parisDate('2026-03-28T23:30:00Z')).toBe('2026-03-29'); // winter: UTC+1
    expect(parisDate('2026-03-29T22:30:00Z')).toBe('2026-03-30'); // summer: UTC+2
    expect(parisDate('2026-10-24T22:30:00Z')).toBe('2026-10-25');
    expect(parisDate('2026-10-25T22:30:00Z')).toBe('2026-10-25'); // back to UTC+1
    expect(parisDate('2026-01-31T23:15:00Z')).toBe('2026-02-01');
  });
});

describe('diffRecords', () => {
  it('names each changed field, one level into nested objects', () => {
    const before = { coverage: 'full', counts: { personsEvicted: { n: 10, atLeast: true }, women: null } };
    const after = { coverage: 'partial', counts: { personsEvicted: { n: 12, atLeast: true }, women: null } };
    expect(diffRecords(before, after)).toEqual([
      { field: 'counts.personsEvicted', before: { n: 10, atLeast: true }, after: { n: 12, atLeast: true } },
      { field: 'coverage', before: 'full', after: 'partial' },
    ]);
    expect(diffRecords(null, { a: 1 })).toEqual([{ field: 'a', before: null, after: 1 }]);
  });
});
