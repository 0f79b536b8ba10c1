import type { FailedPublicCopyView } from '@vigie/domain';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { findEvidence, listFailedPublicCopies, reopenFailedPublicCopy } from './evidence.queries.js';
import { enqueuePublicCopy } from './public-copy.job.js';

/**
 * Publication copies whose job failed its last try (public-copy.job.ts), for those who verify
 * records: listed on the review page, each with "try again". Trying again puts the photo back
 * "in preparation" and queues the job in the same transaction, audited with who asked.
 */
export async function failedPublicCopies(ctx: AppContext, actor: Actor): Promise<FailedPublicCopyView[]> {
  const rows = await inOrganisation(ctx.db, actor.organisationId, (trx) => listFailedPublicCopies(trx));
  return rows.map((e) => ({
    id: e.id, evictionId: e.eviction_id, incidentId: e.incident_id, originalName: e.original_name, detectedType: e.detected_type,
    capturedAt: e.captured_at?.toISOString() ?? null, failedAt: e.public_copy_failed_at!.toISOString(),
  }));
}

export async function retryPublicCopy(ctx: AppContext, actor: Actor, id: string, ip: string): Promise<void> {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const reopened = await reopenFailedPublicCopy(trx, id);
    if (!reopened) {
      if (!(await findEvidence(trx, id))) throw new AppError('evidence.not_found');
      throw new AppError('evidence.public_copy_not_failed');
    }
    await enqueuePublicCopy(ctx.queue, trx, { organisationId: actor.organisationId, evidenceId: id });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'evidence.public_copy_retried',
      entityType: 'evidence', entityId: id, context: { ip },
    });
  });
}
