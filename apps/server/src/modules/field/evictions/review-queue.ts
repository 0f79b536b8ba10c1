import { duplicateGroups, type ReviewQueueView } from '@vigie/domain';
import type { Executor } from '../../../platform/db/database.js';
import { countRejectedSince, countSubmitted, namedEvictions, spansOfDays, submittedEvictions } from './evictions.queries.js';
import { evictionRows } from './read-eviction.js';

/**
 * Submitted evictions waiting for a coordinator, in full, and probable duplicates among the
 * live records of the same days, each member as a full row (never a bare identifier).
 */
export async function evictionsForReview(db: Executor): Promise<ReviewQueueView> {
  const submitted = await submittedEvictions(db, 500);
  const days = [...new Set(submitted.map((e) => e.date))];
  const groups = duplicateGroups((await spansOfDays(db, days)).map((e) => ({
    id: e.id, siteId: e.site_id, date: e.date, arrivedAt: e.arrived_at.toISOString(), leftAt: e.left_at?.toISOString() ?? null,
  })));
  const waiting = new Set(submitted.map((e) => e.id));
  // Only groups with a record waiting matter here; the others were settled already.
  const relevant = groups.filter((g) => g.some((id) => waiting.has(id)));
  const others = [...new Set(relevant.flat())].filter((id) => !waiting.has(id));
  return {
    evictions: await evictionRows(db, submitted),
    duplicateGroups: relevant,
    related: await evictionRows(db, await namedEvictions(db, others)),
  };
}

export async function countWaitingEvictions(db: Executor) {
  return countSubmitted(db);
}

/** Rejected in the last 30 days: sent back to their observers, still to be corrected. */
export async function countRecentlyRejected(db: Executor, now = new Date()) {
  return countRejectedSince(db, new Date(now.getTime() - 30 * 86_400_000));
}
