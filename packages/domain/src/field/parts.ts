/**
 * Items that are parts of others (issue 10): a list value may be declared a part of another
 * ("tentes pleines d'affaires" ⊂ "tentes"). A recorded item carries its parts under it
 * ("25 tentes, dont 7 pleines d'affaires"): the whole's count already includes its parts, so
 * a total of items counts wholes only and never counts a part twice. Pure: the phone uses it.
 */
export type PartCount = { term: string; n: number; atLeast: boolean };
export type TallyWithParts = { term: string; n: number; atLeast: boolean; parts?: PartCount[] | undefined };

/** A part larger than its whole ("7 tentes dont 9 pleines") cannot be true. */
export function partsLargerThanWhole(t: TallyWithParts): PartCount[] {
  return (t.parts ?? []).filter((p) => p.n > t.n);
}

/** One row per whole and per part, as stored (a part names its whole in `partOf`). */
export type FlatTally = { term: string; n: number; atLeast: boolean; partOf: string | null };

export function flattenTallies(tallies: readonly TallyWithParts[]): FlatTally[] {
  return tallies.flatMap((t) => [
    { term: t.term, n: t.n, atLeast: t.atLeast, partOf: null },
    ...(t.parts ?? []).map((p) => ({ term: p.term, n: p.n, atLeast: p.atLeast, partOf: t.term })),
  ]);
}

/** The stored rows back as recorded items, each part under its whole (a whole without parts has no `parts` key). */
export function nestTallies(rows: readonly FlatTally[]): TallyWithParts[] {
  const wholes = new Map<string, TallyWithParts>();
  for (const r of rows) if (r.partOf === null) wholes.set(r.term, { term: r.term, n: r.n, atLeast: r.atLeast });
  for (const r of rows) {
    if (r.partOf === null) continue;
    const whole = wholes.get(r.partOf);
    if (!whole) {
      // A part whose whole is gone: keep it visible as an item of its own rather than lose it.
      wholes.set(r.term, { term: r.term, n: r.n, atLeast: r.atLeast });
      continue;
    }
    (whole.parts ??= []).push({ term: r.term, n: r.n, atLeast: r.atLeast });
  }
  return [...wholes.values()];
}

/**
 * Totals per term and of all items: a whole counts its own number, a part counts under its own
 * term too (so "tentes pleines d'affaires saisies" is a figure), and the total of items counts
 * wholes only. `atLeast` follows the usual rule: a minimum as soon as one contribution is.
 */
export function tallyTotals(tallies: readonly TallyWithParts[]): { items: { n: number; atLeast: boolean }; byTerm: Map<string, { n: number; atLeast: boolean }> } {
  const byTerm = new Map<string, { n: number; atLeast: boolean }>();
  const add = (term: string, n: number, atLeast: boolean) => {
    const current = byTerm.get(term) ?? { n: 0, atLeast: false };
    byTerm.set(term, { n: current.n + n, atLeast: current.atLeast || atLeast });
  };
  let n = 0;
  let atLeast = false;
  for (const t of tallies) {
    n += t.n;
    atLeast ||= t.atLeast;
    add(t.term, t.n, t.atLeast);
    for (const p of t.parts ?? []) add(p.term, p.n, p.atLeast);
  }
  return { items: { n, atLeast }, byTerm };
}

/**
 * Items recorded before parts existed, each part as an item of its own: each whole becomes the
 * sum of both and the part is kept under it ("dont"). What the 2026-12-03 migration does to
 * stored records (whole = whole + part), written once here so tests can hold it to its promise.
 * `partOf` maps a part's term to its whole's term.
 */
export function nestSeparateParts(tallies: readonly TallyWithParts[], partOf: ReadonlyMap<string, string>): TallyWithParts[] {
  const out = new Map<string, TallyWithParts>();
  for (const t of tallies) if (!partOf.has(t.term)) out.set(t.term, { ...t, parts: t.parts ? [...t.parts] : undefined });
  for (const t of tallies) {
    const wholeTerm = partOf.get(t.term);
    if (wholeTerm === undefined) continue;
    const whole = out.get(wholeTerm) ?? { term: wholeTerm, n: 0, atLeast: false };
    out.set(wholeTerm, {
      term: wholeTerm, n: whole.n + t.n, atLeast: whole.atLeast || t.atLeast,
      parts: [...(whole.parts ?? []), { term: t.term, n: t.n, atLeast: t.atLeast }],
    });
  }
  return [...out.values()].map((t) => (t.parts === undefined ? { term: t.term, n: t.n, atLeast: t.atLeast } : t));
}
