import type { ReviewCountsView, ReviewQueueView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { countRecentlyRejected, countWaitingEvictions, evictionsForReview } from '../evictions/review-queue.js';
import { openConflictCount } from '../sync/conflict-count.js';

/**
 * The coordinator's review: what waits (submitted records, kept conflicts). The decisions
 * themselves (verify, reject, merge, resolve) belong to the module owning each record.
 */
export async function reviewQueue(ctx: AppContext, actor: Actor): Promise<ReviewQueueView> {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => evictionsForReview(trx));
}

export async function reviewCounts(ctx: AppContext, actor: Actor): Promise<ReviewCountsView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({
    submitted: await countWaitingEvictions(trx), conflicts: await openConflictCount(trx),
    rejectedRecently: await countRecentlyRejected(trx),
  }));
}
