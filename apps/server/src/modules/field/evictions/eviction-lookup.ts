import type { Executor } from '../../../platform/db/database.js';
import { evictionInputFromRow } from './evictions.mapping.js';
import { findEviction, talliesOf } from './evictions.queries.js';

/**
 * The eviction as other field modules need it (an incident's parent: does it exist, who wrote
 * it, where it stands): they ask here rather than reading the evictions table themselves.
 */
export async function lookupEviction(db: Executor, id: string) {
  return findEviction(db, id);
}

/** An eviction's current content as the phone would send it, with its version (conflict resolution compares against it). */
export async function currentEvictionInput(db: Executor, id: string, lock = false) {
  const row = await findEviction(db, id, lock);
  if (!row || row.deleted_at) return null;
  return { input: evictionInputFromRow(row, (await talliesOf(db, [id])).get(id)!), version: row.version };
}
