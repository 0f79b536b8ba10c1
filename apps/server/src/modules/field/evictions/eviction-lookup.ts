import type { Executor } from '../../../platform/db/database.js';
import { findEviction } from './evictions.queries.js';

/**
 * The eviction as other field modules need it (an incident's parent: does it exist, who wrote
 * it, where it stands): they ask here rather than reading the evictions table themselves.
 */
export async function lookupEviction(db: Executor, id: string) {
  return findEviction(db, id);
}
