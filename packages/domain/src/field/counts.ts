/**
 * A count as observers report it: almost always a minimum, because they are kept behind a
 * perimeter ("au moins 12 personnes"). `atLeast` is true unless the observer is sure.
 * (Pure: no zod here, so the phone's bundle can use these rules without the schemas.)
 */
export type Count = { n: number; atLeast: boolean };

export const COUNT_FIELDS = [
  'personsEvicted', 'women', 'children', 'families', 'unaccompaniedMinors', 'arrests', 'arrestsWithViolence', 'idChecks',
  'shelterAccepted',
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** Every count unknown: the starting point of a new eviction. */
export function emptyCounts(): Record<CountField, Count | null> {
  return Object.fromEntries(COUNT_FIELDS.map((f) => [f, null])) as Record<CountField, Count | null>;
}

/** Sums counts: the total is a minimum as soon as one part is. Unknown parts are skipped. */
export function sumCounts(counts: ReadonlyArray<Count | null | undefined>): Count {
  let n = 0;
  let atLeast = false;
  for (const c of counts) {
    if (!c) continue;
    n += c.n;
    atLeast ||= c.atLeast;
  }
  return { n, atLeast };
}

/** "au moins 12" / "at least 12" / "12". */
export function formatCount(c: Count, locale: 'fr' | 'en'): string {
  if (!c.atLeast) return String(c.n);
  return locale === 'fr' ? `au moins ${c.n}` : `at least ${c.n}`;
}
