/**
 * What changed between two saved versions of a record, field by field, for the history
 * screen ("counts.personsEvicted: au moins 10 → au moins 12"). Nested objects are compared
 * one level down (counts.*); lists are compared whole.
 */
export type FieldChange = { field: string; before: unknown; after: unknown };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    const b = before?.[key];
    const a = after[key];
    if (same(b, a)) continue;
    if (isPlainObject(a) && isPlainObject(b) && !('n' in a)) {
      for (const sub of diffRecords(b, a)) changes.push({ ...sub, field: `${key}.${sub.field}` });
    } else {
      changes.push({ field: key, before: b ?? null, after: a ?? null });
    }
  }
  return changes;
}
