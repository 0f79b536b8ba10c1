import type { Executor } from '../../../platform/db/database.js';
import './phones.table.js';

export const DEFAULT_PREFILL_DAYS = 14;

export async function prefillDaysOf(db: Executor): Promise<number> {
  const row = await db.selectFrom('field_phone_settings').select('prefill_days').executeTakeFirst();
  return row?.prefill_days ?? DEFAULT_PREFILL_DAYS;
}

export async function upsertPrefillDays(db: Executor, organisationId: string, days: number, by: string): Promise<void> {
  await db.insertInto('field_phone_settings').values({ organisation_id: organisationId, prefill_days: days, updated_by: by })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ prefill_days: days, updated_by: by, updated_at: new Date() })).execute();
}

export async function assignedAreaIds(db: Executor, userId: string): Promise<string[]> {
  return (await db.selectFrom('observer_areas').select('area_id').where('user_id', '=', userId).orderBy('area_id').execute()).map((r) => r.area_id);
}

export async function allAreaIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('areas').select('id').orderBy('id').execute()).map((r) => r.id);
}

export async function allAssignments(db: Executor) {
  return db.selectFrom('observer_areas').select(['user_id', 'area_id']).execute();
}

export async function replaceAssignments(db: Executor, organisationId: string, userId: string, areaIds: string[]): Promise<void> {
  await db.deleteFrom('observer_areas').where('user_id', '=', userId).execute();
  if (areaIds.length) await db.insertInto('observer_areas').values(areaIds.map((area_id) => ({ organisation_id: organisationId, user_id: userId, area_id }))).execute();
}

export async function findDevice(db: Executor, id: string) {
  return db.selectFrom('field_devices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDevice(db: Executor, d: { id: string; organisationId: string; userId: string; label: string }) {
  await db.insertInto('field_devices').values({ id: d.id, organisation_id: d.organisationId, user_id: d.userId, label: d.label })
    .onConflict((oc) => oc.column('id').doNothing()).execute();
}

export type PendingReport = { records: number; media: number };

export async function touchDevice(db: Executor, id: string, wiped: boolean, pending: PendingReport | null = null) {
  await db.updateTable('field_devices').set({
    last_seen_at: new Date(), ...(wiped && { wiped_at: new Date() }),
    ...(pending && { pending_records: pending.records, pending_media: pending.media, pending_reported_at: new Date() }),
  }).where('id', '=', id).execute();
}

export async function listDevices(db: Executor) {
  return db.selectFrom('field_devices as d').innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.id', 'd.label', 'd.user_id', 'u.display_name', 'd.registered_at', 'd.last_seen_at', 'd.revoked_at', 'd.wiped_at'])
    .orderBy('d.registered_at', 'desc').execute();
}

export async function revokeDevice(db: Executor, id: string, by: string): Promise<boolean> {
  const res = await db.updateTable('field_devices').set({ revoked_at: new Date(), revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
