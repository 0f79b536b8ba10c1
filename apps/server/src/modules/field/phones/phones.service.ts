import { canSeeUnverifiedOf, parisDate, type PhoneScope } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import {
  allAreaIds, allAssignments, assignedAreaIds, findDevice, insertDevice, listDevices, prefillDaysOf, replaceAssignments, revokeDevice,
  touchDevice, upsertPrefillDays, type PendingReport,
} from './phones.queries.js';

/**
 * What one observer's phone may hold (issue 16, docs/PHONE-SECURITY.md): the sites and evictions of
 * their areas, evictions only from the last `prefillDays` Paris days. An observer no coordinator
 * assigned to an area receives every area (a new organisation works before anyone sets areas up).
 * Others' unverified evictions only for those who may see them (eviction-visibility.ts).
 */
export async function phoneScopeIn(trx: Executor, actor: Actor, today = new Date()): Promise<PhoneScope> {
  const [assigned, prefillDays] = await Promise.all([assignedAreaIds(trx, actor.userId), prefillDaysOf(trx)]);
  const areaIds = assigned.length ? assigned : await allAreaIds(trx);
  // Today counts as one of the days: 14 days back from Thursday is the Friday two weeks before.
  const since = parisDate(new Date(today.getTime() - (prefillDays - 1) * 86_400_000));
  return { areaIds, prefillDays, since, unverified: canSeeUnverifiedOf(actor.roles, actor.userId, null) ? 'all' : 'own' };
}

export async function phoneSettingsOf(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ prefillDays: await prefillDaysOf(trx) }));
}

export async function savePhoneSettings(ctx: AppContext, actor: Actor, input: { prefillDays: number }) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = { prefillDays: await prefillDaysOf(trx) };
    await upsertPrefillDays(trx, actor.organisationId, input.prefillDays, actor.userId);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'field.phone_settings_changed', entityType: 'organisation',
      entityId: actor.organisationId, before, after: input,
    });
    return input;
  });
}

/** Members who record in the field, with the areas their phone receives (empty: every area). */
export async function observerAreas(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const users = await trx.selectFrom('users').select(['id', 'display_name', 'role']).where('active', '=', true)
      .where('role', 'in', ['observer', 'coordinator', 'admin']).orderBy('display_name').execute();
    const rows = await allAssignments(trx);
    return {
      observers: users.map((u) => ({
        userId: u.id, displayName: u.display_name, role: u.role, areaIds: rows.filter((r) => r.user_id === u.id).map((r) => r.area_id).sort(),
      })),
    };
  });
}

export async function setObserverAreas(ctx: AppContext, actor: Actor, userId: string, areaIds: string[]) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw new AppError('phone.unknown_observer');
    const known = new Set(await allAreaIds(trx));
    const unique = [...new Set(areaIds)];
    if (unique.some((id) => !known.has(id))) throw new AppError('field.unknown_area');
    const before = await assignedAreaIds(trx, userId);
    await replaceAssignments(trx, actor.organisationId, userId, unique);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'field.observer_areas_changed', entityType: 'user',
      entityId: userId, before: { areaIds: before }, after: { areaIds: unique.sort() },
    });
    return { areaIds: unique.sort() };
  });
}

const deviceView = (d: Awaited<ReturnType<typeof listDevices>>[number]) => ({
  id: d.id, label: d.label, userId: d.user_id, displayName: d.display_name, registeredAt: d.registered_at.toISOString(),
  lastSeenAt: d.last_seen_at.toISOString(), revokedAt: d.revoked_at?.toISOString() ?? null, wipedAt: d.wiped_at?.toISOString() ?? null,
});

/** A phone whose observer chose an unlock code registers its local store (idempotent by id). */
export async function registerDevice(ctx: AppContext, actor: Actor, input: { id: string; label: string }) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const existing = await findDevice(trx, input.id);
    if (existing && existing.user_id !== actor.userId) throw new AppError('phone.device_not_found');
    if (!existing) {
      await insertDevice(trx, { id: input.id, organisationId: actor.organisationId, userId: actor.userId, label: input.label });
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'field.device_registered', entityType: 'device', entityId: input.id,
        after: { label: input.label },
      });
    }
    return { revoked: Boolean(existing?.revoked_at) };
  });
}

/**
 * Asked by the phone at every contact. A revoked phone is told to wipe; `wiped` is its
 * acknowledgement, kept so coordinators see the wipe happened.
 */
export async function deviceStatus(ctx: AppContext, actor: Actor, id: string, wiped: boolean, pending: PendingReport | null = null) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const d = await findDevice(trx, id);
    // Another observer's phone id is answered like an unknown one: no probing of who owns what.
    if (!d || d.user_id !== actor.userId) throw new AppError('phone.device_not_found');
    await touchDevice(trx, id, wiped && d.revoked_at !== null && d.wiped_at === null, pending);
    return { revoked: d.revoked_at !== null };
  });
}

/**
 * What a phone last said it still holds unsent (records in its outbox, photos not uploaded), for
 * the house's check-in of a field phone (issue 19). Null when the phone never reported.
 */
/** The actor's own phone, active or revoked by a coordinator; another observer's phone is answered like an unknown one. */
export async function ownDeviceState(trx: Executor, actor: Actor, id: string): Promise<'active' | 'revoked' | 'unknown'> {
  const d = await findDevice(trx, id);
  if (!d || d.user_id !== actor.userId) return 'unknown';
  return d.revoked_at ? 'revoked' : 'active';
}

export async function deviceExists(trx: Executor, id: string): Promise<boolean> {
  return Boolean(await findDevice(trx, id));
}

export async function unsentOnDevice(trx: Executor, id: string) {
  const d = await findDevice(trx, id);
  if (!d || d.pending_reported_at === null) return null;
  return { records: d.pending_records ?? 0, media: d.pending_media ?? 0, reportedAt: d.pending_reported_at.toISOString(), label: d.label };
}

export async function devicesOf(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ devices: (await listDevices(trx)).map(deviceView) }));
}

export async function revokeDeviceById(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (!(await findDevice(trx, id))) throw new AppError('phone.device_not_found');
    if (await revokeDevice(trx, id, actor.userId)) {
      await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action: 'field.device_revoked', entityType: 'device', entityId: id });
    }
    return { devices: (await listDevices(trx)).map(deviceView) };
  });
}
