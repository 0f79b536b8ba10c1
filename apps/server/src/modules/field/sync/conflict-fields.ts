import canonicalize from 'canonicalize';
import { COUNT_FIELDS, type EvictionInput } from '@vigie/domain';

/**
 * An eviction compared field by field: each top-level field, and each count on its own (two
 * phones often differ on one count only). Pure, so resolution and display agree on the fields.
 */
export function evictionFields(e: EvictionInput): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(e)) {
    if (key === 'id' || key === 'counts') continue;
    fields.set(key, normalise(key, value));
  }
  for (const f of COUNT_FIELDS) fields.set(`counts.${f}`, e.counts[f]);
  return fields;
}

/** The same content written two ways (item order, "+01:00" or "Z") is not a difference. */
function normalise(key: string, value: unknown): unknown {
  if ((key === 'seized' || key === 'destroyed') && Array.isArray(value)) {
    return [...(value as Array<{ term: string }>)].sort((a, b) => a.term.localeCompare(b.term));
  }
  if ((key === 'arrivedAt' || key === 'leftAt') && typeof value === 'string') return new Date(value).toISOString();
  return value;
}

// Key order is not content: jsonb stores object keys in its own order.
const same = (a: unknown, b: unknown) => canonicalize(a ?? null) === canonicalize(b ?? null);

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
