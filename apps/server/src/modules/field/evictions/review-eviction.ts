import { parisDate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { insertVersion } from '../history/history.service.js';
import { evictionInputFromRow } from './evictions.mapping.js';
import { findEviction, talliesOf, updateEviction } from './evictions.queries.js';

/** A coordinator's review of an eviction: verify, reject with a reason, fold duplicates together. */
async function changeStatus(ctx: AppContext, actor: Actor, id: string, version: number, to: 'verified' | 'rejected', reason: string | null) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await findEviction(trx, id, true);
    if (!row || row.deleted_at) throw new AppError('eviction.not_found');
    if (row.version !== version) throw new AppError('field.version_conflict', { currentVersion: row.version });
    const allowed = to === 'verified' ? ['submitted'] : ['submitted', 'verified'];
    if (!allowed.includes(row.status)) throw new AppError('eviction.wrong_status', { status: row.status });
    const next = row.version + 1;
    await updateEviction(trx, id, { status: to, rejection_reason: reason, version: next, updated_by: actor.userId });
    const data = evictionInputFromRow(row, (await talliesOf(trx, [id])).get(id)!);
    await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'eviction', entityId: id, version: next, data: { ...data, status: to, rejectionReason: reason }, changedBy: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: `eviction.${to}`, entityType: 'eviction', entityId: id,
      before: { status: row.status }, after: { status: to, rejectionReason: reason },
    });
    return { id, version: next, status: to };
  });
}

export const verifyEviction = (ctx: AppContext, actor: Actor, id: string, version: number) => changeStatus(ctx, actor, id, version, 'verified', null);
export const rejectEviction = (ctx: AppContext, actor: Actor, id: string, version: number, reason: string) => changeStatus(ctx, actor, id, version, 'rejected', reason);

/**
 * Folds duplicates into the record kept: they stay stored (provenance) but point to it and no
 * longer count. The kept record's history says what was merged into it.
 */
export async function mergeEvictions(ctx: AppContext, actor: Actor, keepId: string, mergeIds: string[]) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const keep = await findEviction(trx, keepId, true);
    if (!keep || keep.merged_into) throw new AppError('eviction.not_found');
    for (const id of mergeIds) {
      const row = await findEviction(trx, id, true);
      if (!row || row.merged_into || id === keepId) throw new AppError('eviction.not_found');
      if (row.site_id !== keep.site_id || parisDate(row.arrived_at) !== parisDate(keep.arrived_at)) throw new AppError('eviction.wrong_status', { status: 'not a duplicate' });
      await updateEviction(trx, id, { merged_into: keepId, version: row.version + 1, updated_by: actor.userId });
    }
    const version = keep.version + 1;
    await updateEviction(trx, keepId, { version, updated_by: actor.userId });
    const data = evictionInputFromRow(keep, (await talliesOf(trx, [keepId])).get(keepId)!);
    await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'eviction', entityId: keepId, version, data: { ...data, mergedFrom: mergeIds }, changedBy: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'eviction.merged', entityType: 'eviction', entityId: keepId,
      after: { mergedFrom: mergeIds },
    });
    return { keepId, version, merged: mergeIds };
  });
}
