import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evictionInputSchema } from './eviction.js';
import { checkEviction } from './eviction-rules.js';
import { flattenTallies, nestSeparateParts, nestTallies, tallyTotals, type TallyWithParts } from './parts.js';

const PART_OF = new Map([['tent_with_belongings', 'tent']]);
const countArb = fc.record({ n: fc.integer({ min: 0, max: 10_000 }), atLeast: fc.boolean() });
/** Items as the phone records them: distinct wholes, each with at most its declared part, never larger than it. */
const recordedArb: fc.Arbitrary<TallyWithParts[]> = fc.uniqueArray(
  fc.record({ term: fc.constantFrom('tent', 'tarp', 'chair', 'bike'), whole: countArb, part: fc.option(countArb, { nil: undefined }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  { selector: (x) => x.term, maxLength: 4 },
).map((list) => list.map(({ term, whole, part, share }) => (term === 'tent' && part
  ? { term, ...whole, parts: [{ term: 'tent_with_belongings', n: Math.floor(whole.n * share), atLeast: part.atLeast }] }
  : { term, ...whole })));
/** Items as entered before parts existed: the part as an item of its own. */
const separateArb: fc.Arbitrary<TallyWithParts[]> = fc.uniqueArray(
  fc.record({ term: fc.constantFrom('tent', 'tent_with_belongings', 'tarp', 'chair'), c: countArb }), { selector: (x) => x.term, maxLength: 4 },
).map((list) => list.map(({ term, c }) => ({ term, ...c })));

const base = (seized: unknown) => ({
  id: '00000000-0000-4000-8000-000000000001', operationId: '00000000-0000-4000-8000-000000000002', siteId: '00000000-0000-4000-8000-000000000003',
  arrivedAt: '2026-02-13T06:10:00+01:00', seized,
});

describe('items that are parts of others', () => {
  it('"90 tentes, dont 4 pleines d’affaires" counts 90 items, not 94', () => {
    const totals = tallyTotals([{ term: 'tent', n: 90, atLeast: false, parts: [{ term: 'tent_with_belongings', n: 4, atLeast: false }] }, { term: 'tarp', n: 3, atLeast: true }]);
    expect(totals.items).toEqual({ n: 93, atLeast: true });
    expect(totals.byTerm.get('tent')).toEqual({ n: 90, atLeast: false });
    expect(totals.byTerm.get('tent_with_belongings')).toEqual({ n: 4, atLeast: false });
  });

  it('refuses a part larger than its whole, in the schema and in the record rules', () => {
    const bad = base([{ term: 'tent', n: 3, atLeast: false, parts: [{ term: 'tent_with_belongings', n: 4, atLeast: false }] }]);
    const parsed = evictionInputSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['seized', 0, 'parts', 0, 'n'], message: 'part_larger_than_whole' });
    const ok = evictionInputSchema.parse(base([{ term: 'tent', n: 4, atLeast: false, parts: [{ term: 'tent_with_belongings', n: 4, atLeast: false }] }]));
    expect(checkEviction(ok, new Date('2026-03-01'))).toEqual([]);
    const unchecked = { ...ok, seized: [{ term: 'tent', n: 1, atLeast: true, parts: [{ term: 'tent_with_belongings', n: 2, atLeast: true }] }] };
    expect(checkEviction(unchecked, new Date('2026-03-01'))).toEqual([{ field: 'seized', problem: 'part_larger_than_whole' }]);
  });

  it('existing separate items: the whole becomes the sum of both, the part its "dont"', () => {
    expect(nestSeparateParts([{ term: 'tent', n: 25, atLeast: true }, { term: 'tent_with_belongings', n: 7, atLeast: false }], PART_OF))
      .toEqual([{ term: 'tent', n: 32, atLeast: true, parts: [{ term: 'tent_with_belongings', n: 7, atLeast: false }] }]);
    // A part recorded without its whole gets a whole of the same count.
    expect(nestSeparateParts([{ term: 'tent_with_belongings', n: 2, atLeast: false }], PART_OF))
      .toEqual([{ term: 'tent', n: 2, atLeast: false, parts: [{ term: 'tent_with_belongings', n: 2, atLeast: false }] }]);
  });

  it('property: the total of items is the sum of wholes, never counting a part twice, and no part exceeds its whole', () => {
    fc.assert(fc.property(recordedArb, (items) => {
      const totals = tallyTotals(items);
      expect(totals.items.n).toBe(items.reduce((s, t) => s + t.n, 0));
      expect(totals.items.atLeast).toBe(items.some((t) => t.atLeast));
      const parts = totals.byTerm.get('tent_with_belongings')?.n ?? 0;
      expect(parts).toBeLessThanOrEqual(totals.byTerm.get('tent')?.n ?? 0);
      // Every term's total together exceeds the items' total by exactly the parts.
      const allTerms = [...totals.byTerm.values()].reduce((s, c) => s + c.n, 0);
      expect(allTerms - totals.items.n).toBe(parts);
    }));
  });

  it('property: stored rows read back as recorded', () => {
    fc.assert(fc.property(recordedArb, (items) => {
      expect(nestTallies(flattenTallies(items))).toEqual(items);
    }));
  });

  it('property: the migration of separate items keeps the total of items, makes valid records, and is stable', () => {
    fc.assert(fc.property(separateArb, (items) => {
      const nested = nestSeparateParts(items, PART_OF);
      // Before, the total added the part as an item of its own; after, the whole includes it: same total.
      expect(tallyTotals(nested).items.n).toBe(items.reduce((s, t) => s + t.n, 0));
      expect(nested.every((t) => (t.parts ?? []).every((p) => p.n <= t.n))).toBe(true);
      expect(nested.some((t) => t.term === 'tent_with_belongings')).toBe(false);
      // Running it again changes nothing.
      expect(nestSeparateParts(nested, PART_OF)).toEqual(nested);
      const whole = items.find((t) => t.term === 'tent');
      const part = items.find((t) => t.term === 'tent_with_belongings');
      if (part) expect(nested.find((t) => t.term === 'tent')?.n).toBe((whole?.n ?? 0) + part.n);
    }));
  });
});
