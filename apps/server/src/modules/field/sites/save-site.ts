import { canChangeRecordOf, type SiteInput } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { currentXid } from '../../../platform/db/change-xid.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { insertVersion } from '../history/history.service.js';
import { assertNoConcurrentEdit } from '../history/version-check.js';

function columns(s: SiteInput) {
  return {
    code: s.code.toUpperCase(), name: s.name, aliases: s.aliases, area_id: s.areaId, commune_insee: s.communeInsee,
    latitude: s.latitude, longitude: s.longitude, active: s.active, notes: s.notes,
  };
}

/**
 * Observers may create a site met in the field; its code stays unique in the organisation. A site
 * someone else created is changed only by those who verify (the author rule, canChangeRecordOf):
 * checked before anything else, so a refusal reveals nothing about the new values.
 */
export async function saveSite(trx: Trx, actor: Actor, input: SiteInput, baseVersion: number | null, commandId: string | null) {
  const existing = await trx.selectFrom('sites').selectAll().where('id', '=', input.id).forUpdate().executeTakeFirst();
  if (existing && !canChangeRecordOf(actor.roles, actor.userId, existing.created_by)) throw new AppError('site.not_author');
  const commune = await trx.selectFrom('communes').select('area_id').where('insee_code', '=', input.communeInsee).executeTakeFirst();
  if (!commune) throw new AppError('field.unknown_term', { kind: 'commune', code: input.communeInsee });
  const area = await trx.selectFrom('areas').select('id').where('id', '=', input.areaId).executeTakeFirst();
  if (!area) throw new AppError('field.unknown_area');
  const clash = await trx.selectFrom('sites').select('id').where((eb) => eb.fn('upper', ['code']), '=', input.code.toUpperCase())
    .where('id', '!=', input.id).executeTakeFirst();
  if (clash) throw new AppError('site.code_taken');
  let version = 1;
  if (!existing) {
    await trx.insertInto('sites').values({ id: input.id, organisation_id: actor.organisationId, created_by: actor.userId, ...columns(input) }).execute();
  } else {
    // A merged site is edited through its merge (undo it first); a phone's late edit is refused, not applied.
    if (existing.merged_into) throw new AppError('site.merged');
    await assertNoConcurrentEdit(trx, 'site', input.id, baseVersion, existing.version, actor.userId);
    version = existing.version + 1;
    await trx.updateTable('sites').set({ ...columns(input), version, updated_at: new Date(), change_xid: currentXid() }).where('id', '=', input.id).execute();
  }
  await insertVersion(trx, { organisationId: actor.organisationId, entityType: 'site', entityId: input.id, version, data: input, changedBy: actor.userId, commandId });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: existing ? 'site.updated' : 'site.created', entityType: 'site',
    entityId: input.id, after: input, context: { commandId, version },
  });
  return version;
}
