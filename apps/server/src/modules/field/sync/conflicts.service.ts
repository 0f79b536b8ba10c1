import { evictionInputSchema, type ConflictResolution, type ConflictView, type EvictionInput } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { currentEvictionInput } from '../evictions/eviction-lookup.js';
import { saveEviction } from '../evictions/save-eviction.js';
import { VersionConflict } from '../history/version-check.js';
import { applyChoices, differingFields } from './conflict-fields.js';
import { conflictsOfRecord, lockConflict, markConflictResolved } from './sync.queries.js';

type Json = ConflictView['fields'][number]['current'];

/** What the phone proposed, when the kept command was an edit of the record's content. */
function proposedEviction(payload: unknown): EvictionInput | null {
  const c = payload as { type?: string; record?: unknown };
  if (c.type !== 'eviction.save') return null;
  const parsed = evictionInputSchema.safeParse(c.record);
  return parsed.success ? parsed.data : null;
}

/**
 * Every kept conflicting version of an eviction (resolved ones too, with who settled them), each
 * shown field by field against the record as it is now.
 */
export async function listEvictionConflicts(ctx: AppContext, actor: Actor, evictionId: string): Promise<ConflictView[]> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const current = await currentEvictionInput(trx, evictionId);
    if (!current) throw new AppError('eviction.not_found');
    const rows = await conflictsOfRecord(trx, 'eviction', evictionId);
    return rows.map((c) => {
      const proposed = proposedEviction(c.payload);
      return {
        id: c.id, entityType: c.entity_type, entityId: c.entity_id, reason: c.reason,
        sentBy: { id: c.user_id, displayName: c.sent_by_name ?? '?' }, receivedAt: c.received_at.toISOString(),
        baseVersion: c.base_version, currentVersion: c.current_version,
        resolvedAt: c.resolved_at?.toISOString() ?? null, resolvedByName: c.resolved_by_name ?? null,
        fields: proposed ? differingFields(current.input, proposed).map((f) => ({ field: f.field, current: f.current as Json, proposed: f.proposed as Json })) : [],
      };
    });
  });
}

/**
 * A coordinator settles a conflict: for each differing field, the current or the proposed value.
 * The result is saved as a new version through the eviction's own save use case (checks, history,
 * audit); the conflict is marked resolved, never deleted. Refused clearly when someone settled it
 * meanwhile, or when the record moved on since the coordinator looked (`version`).
 */
export async function resolveEvictionConflict(ctx: AppContext, actor: Actor, evictionId: string, conflictId: string, choice: ConflictResolution) {
  try {
    return await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
      const conflict = await lockConflict(trx, conflictId);
      if (!conflict || conflict.entity_type !== 'eviction' || conflict.entity_id !== evictionId) throw new AppError('sync.conflict_not_found');
      if (conflict.resolved_at) throw new AppError('sync.conflict_already_resolved');
      const current = await currentEvictionInput(trx, evictionId, true);
      if (!current) throw new AppError('eviction.not_found');
      if (current.version !== choice.version) throw new AppError('sync.record_moved_on', { currentVersion: current.version });
      const proposed = proposedEviction(conflict.payload);
      let version = current.version;
      if (proposed && Object.values(choice.take).includes('proposed')) {
        version = await saveEviction(trx, actor, applyChoices(current.input, proposed, choice.take), current.version, null);
      }
      await markConflictResolved(trx, conflictId, actor.userId);
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'sync_conflict.resolved', entityType: 'eviction', entityId: evictionId,
        after: { conflictId, take: choice.take, version }, context: { commandId: conflict.command_id },
      });
      return { version };
    });
  } catch (err) {
    if (err instanceof VersionConflict) throw new AppError('sync.record_moved_on', { currentVersion: err.currentVersion });
    throw err;
  }
}
