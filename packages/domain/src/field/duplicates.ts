/**
 * Two evictions are probably the same event when they are at the same site, on the same day
 * (Europe/Paris) and their time spans overlap — typically two observers recording the same
 * eviction. An eviction without a departure time is taken to last `openSpanMinutes`.
 */
export type EvictionSpan = { id: string; siteId: string; date: string; arrivedAt: string; leftAt: string | null };

export function spansOverlap(a: EvictionSpan, b: EvictionSpan, openSpanMinutes = 60): boolean {
  const end = (e: EvictionSpan) => (e.leftAt ? Date.parse(e.leftAt) : Date.parse(e.arrivedAt) + openSpanMinutes * 60_000);
  return Date.parse(a.arrivedAt) <= end(b) && Date.parse(b.arrivedAt) <= end(a);
}

export function isProbableDuplicate(a: EvictionSpan, b: EvictionSpan, openSpanMinutes = 60): boolean {
  return a.id !== b.id && a.siteId === b.siteId && a.date === b.date && spansOverlap(a, b, openSpanMinutes);
}

/** Groups probable duplicates (transitively) among a list, e.g. a day's evictions. */
export function duplicateGroups(list: EvictionSpan[], openSpanMinutes = 60): string[][] {
  const parent = new Map(list.map((e) => [e.id, e.id]));
  const find = (id: string): string => {
    const p = parent.get(id)!;
    if (p === id) return id;
    const root = find(p);
    parent.set(id, root);
    return root;
  };
  for (let i = 0; i < list.length; i += 1) {
    for (let j = i + 1; j < list.length; j += 1) {
      if (isProbableDuplicate(list[i]!, list[j]!, openSpanMinutes)) parent.set(find(list[i]!.id), find(list[j]!.id));
    }
  }
  const groups = new Map<string, string[]>();
  for (const e of list) groups.set(find(e.id), [...(groups.get(find(e.id)) ?? []), e.id]);
  return [...groups.values()].filter((g) => g.length > 1);
}
