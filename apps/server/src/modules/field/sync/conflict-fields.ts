import { COUNT_FIELDS, type EvictionInput } from '@vigie/domain';

/**
 * An eviction compared field by field: each top-level field, and each count on its own (two
 * phones often differ on one count only). Pure, so resolution and display agree on the fields.
 */
export function evictionFields(e: EvictionInput): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(e)) {
    if (key === 'id' || key === 'counts') continue;
    fields.set(key, value);
  }
  for (const f of COUNT_FIELDS) fields.set(`counts.${f}`, e.counts[f]);
  return fields;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function differingFields(current: EvictionInput, proposed: EvictionInput) {
  const a = evictionFields(current);
  const b = evictionFields(proposed);
  return [...a.keys()].filter((k) => !same(a.get(k), b.get(k))).map((field) => ({ field, current: a.get(field) ?? null, proposed: b.get(field) ?? null }));
}

/** The resolved record: the current one with the proposed value taken for each field chosen so. */
export function applyChoices(current: EvictionInput, proposed: EvictionInput, take: Record<string, 'current' | 'proposed'>): EvictionInput {
  const out: EvictionInput = { ...current, counts: { ...current.counts } };
  for (const { field } of differingFields(current, proposed)) {
    if (take[field] !== 'proposed') continue;
    if (field.startsWith('counts.')) {
      const f = field.slice(7) as keyof EvictionInput['counts'];
      out.counts[f] = proposed.counts[f];
    } else {
      (out as Record<string, unknown>)[field] = (proposed as Record<string, unknown>)[field];
    }
  }
  return out;
}
