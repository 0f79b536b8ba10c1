import { can, type RoundInput, type RoundView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { areaByCode, areasById, findRound, insertRound, listRoundRows, sitesOfArea, usersNamed, type RoundRow } from './rounds.queries.js';

/**
 * Outreach rounds (maraudes). Recorded by observers (field.record), read by their team and by
 * coordinators (field.verify). A round's id comes from the phone: sending the same round again
 * answers with the one recorded, never a second one. Nothing in a round locates a person.
 */
const problem = (field: string, p: string) => new AppError('field.invalid_record', { problems: [{ field, problem: p }] });

async function present(trx: Trx, r: RoundRow): Promise<RoundView> {
  const [area] = await areasById(trx, [r.area_id]);
  const team = await usersNamed(trx, r.team);
  const sites = await sitesOfArea(trx, r.area_id, r.site_ids);
  const byId = <T extends { id: string }>(rows: T[], ids: string[]) => ids.flatMap((id) => rows.filter((x) => x.id === id));
  return {
    id: r.id, area: { code: area!.code, name: area!.name }, startedAt: r.started_at.toISOString(), endedAt: r.ended_at?.toISOString() ?? null,
    team: byId(team, r.team).map((u) => ({ id: u.id, name: u.display_name })),
    sites: byId(sites, r.site_ids).map((s) => ({ id: s.id, code: s.code, name: s.name })),
    peopleMet: r.people_met === null ? null : { n: r.people_met, atLeast: r.people_met_at_least },
    needs: r.needs, distributed: r.distributed, notes: r.notes, createdById: r.created_by, createdAt: r.created_at.toISOString(),
  };
}

const mayRead = (actor: Actor, r: RoundRow) => can(actor.roles, 'field.verify') || r.created_by === actor.userId || r.team.includes(actor.userId);

export async function recordRound(ctx: AppContext, actor: Actor, input: RoundInput, ip: string, now = new Date()): Promise<{ created: boolean; round: RoundView }> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const created = await recordRoundIn(trx, actor, input, { ip }, now);
    return { created, round: await present(trx, (await findRound(trx, input.id))!) };
  });
}

/**
 * The rules of a round, inside the caller's transaction: the online route and the phone's outbox
 * (`round.save`, sync/push.ts) both come through here. False when this observer had already
 * recorded this round (a retry); someone else's id is refused without saying whose.
 */
export async function recordRoundIn(trx: Trx, actor: Actor, input: RoundInput, context: Record<string, unknown>, now = new Date()): Promise<boolean> {
  if (Date.parse(input.startedAt) > now.getTime() + 5 * 60_000) throw problem('startedAt', 'in_future');
  const existing = await findRound(trx, input.id);
  if (existing) {
    if (existing.created_by !== actor.userId) throw new AppError('round.id_conflict');
    return false;
  }
  const area = await areaByCode(trx, input.areaCode);
  if (!area) throw new AppError('field.unknown_area');
  const team = [...new Set([actor.userId, ...input.team])];
  if ((await usersNamed(trx, team)).length !== team.length) throw problem('team', 'unknown_member');
  const siteIds = [...new Set(input.siteIds)];
  if ((await sitesOfArea(trx, area.id, siteIds)).length !== siteIds.length) throw new AppError('field.unknown_site');
  await insertRound(trx, {
    id: input.id, organisation_id: actor.organisationId, area_id: area.id, started_at: input.startedAt, ended_at: input.endedAt ? new Date(input.endedAt) : null, team, site_ids: siteIds,
    people_met: input.peopleMet?.n ?? null, people_met_at_least: input.peopleMet?.atLeast ?? false, needs: JSON.stringify(input.needs),
    distributed: JSON.stringify(input.distributed), notes: input.notes, created_by: actor.userId,
  });
  await recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: 'round.recorded', entityType: 'outreach_round', entityId: input.id,
    after: { areaCode: area.code, team: team.length, sites: siteIds.length }, context,
  });
  return true;
}

export async function listRounds(ctx: AppContext, actor: Actor): Promise<RoundView[]> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const rows = await listRoundRows(trx, can(actor.roles, 'field.verify') ? null : actor.userId);
    return Promise.all(rows.map((r) => present(trx, r)));
  });
}

export async function readRound(ctx: AppContext, actor: Actor, id: string): Promise<RoundView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await findRound(trx, id);
    if (!r || !mayRead(actor, r)) throw new AppError('round.not_found');
    return present(trx, r);
  });
}

/** For links from other modules (a testimony taken during a round): whether the round exists here. */
export async function roundExists(trx: Trx, id: string): Promise<boolean> {
  return Boolean(await findRound(trx, id));
}
