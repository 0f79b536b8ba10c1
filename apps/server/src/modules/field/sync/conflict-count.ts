import type { Executor } from '../../../platform/db/database.js';
import { countOpenConflicts } from './sync.queries.js';

/**
 * Kept conflicting versions not yet resolved: of one record (its page) or all (the navigation).
 * Only edits refused for a concurrent change count; a reused command id is a phone's bug, not a choice to make.
 */
export async function openConflictCount(db: Executor, filter: { entityType?: string; entityId?: string } = {}) {
  return countOpenConflicts(db, filter);
}
