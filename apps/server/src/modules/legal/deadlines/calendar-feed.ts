import ical from 'ical-generator';
import { can, normaliseRoles } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { parseCalendarDate } from './compute-deadline.js';
import { activeFeed, calendarItems, feedByTokenHash, insertFeed, revokeFeeds, touchFeed } from './deadlines.queries.js';

/**
 * Each member of the legal pole may subscribe a calendar app to their deadlines and tasks.
 * Calendar apps cannot sign in, so the URL itself is the secret: 256 random bits, only the
 * hash stored, revocable (a new link revokes the old one). The feed is re-checked on every
 * fetch: a revoked link, a deactivated account or a role without legal.manage gets nothing.
 * Each fetch is audited, as it discloses case titles.
 */
const feedUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/api/legal/calendar/${token}.ics`;

export async function calendarFeedState(ctx: AppContext, actor: Actor) {
  const feed = await inOrganisation(ctx.db, actor.organisationId, (trx) => activeFeed(trx, actor.userId));
  return { active: feed !== undefined, createdAt: feed?.created_at.toISOString() ?? null, url: null };
}

export async function createCalendarFeed(ctx: AppContext, actor: Actor, ip: string) {
  const token = randomToken();
  const feed = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const revoked = await revokeFeeds(trx, actor.userId);
    const row = await insertFeed(trx, actor.organisationId, actor.userId, sha256Hex(token));
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_calendar.link_created', entityType: 'user', entityId: actor.userId,
      context: { ip, replaced: revoked.length },
    });
    return row;
  });
  return { active: true, createdAt: feed.created_at.toISOString(), url: feedUrl(ctx, token) };
}

export async function revokeCalendarFeed(ctx: AppContext, actor: Actor, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const revoked = await revokeFeeds(trx, actor.userId);
    if (revoked.length === 0) throw new AppError('calendar_feed.not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_calendar.link_revoked', entityType: 'user', entityId: actor.userId,
      context: { ip },
    });
  });
}

export async function renderCalendarFeed(ctx: AppContext, token: string, ip: string): Promise<string> {
  const feed = await inSystemTransaction(ctx.db, (trx) => feedByTokenHash(trx, sha256Hex(token)));
  if (!feed || feed.revoked_at || !feed.active || !can(normaliseRoles([feed.role, ...feed.additional_roles]), 'legal.manage')) throw new AppError('calendar_feed.not_found');
  const { deadlines, tasks } = await inOrganisation(ctx.db, feed.organisation_id, async (trx) => {
    const items = await calendarItems(trx, feed.user_id);
    await touchFeed(trx, feed.id);
    await recordAudit(trx, {
      organisationId: feed.organisation_id, actorId: feed.user_id, action: 'legal_calendar.read', entityType: 'user', entityId: feed.user_id,
      context: { ip, deadlines: items.deadlines.length, tasks: items.tasks.length },
    });
    return items;
  });
  const en = feed.locale === 'en';
  const calendar = ical({ name: en ? 'Vigie — legal deadlines' : 'Vigie — échéances juridiques', timezone: 'Europe/Paris', ttl: 3600 });
  for (const d of deadlines) {
    const prefix = d.effect === 'opens' ? (en ? 'Possible from' : 'Possible à partir de') : (en ? 'Deadline' : 'Échéance');
    calendar.createEvent({
      id: `deadline-${d.id}@vigie`, start: parseCalendarDate(d.due_on), allDay: true,
      summary: `${prefix} : ${d.label} — ${d.case_title}`,
      description: [d.source_note, `${ctx.config.publicUrl}/legal/cases/${d.case_id}`].filter(Boolean).join('\n\n'),
      url: `${ctx.config.publicUrl}/legal/cases/${d.case_id}`,
    });
  }
  for (const t of tasks) {
    calendar.createEvent({
      id: `task-${t.id}@vigie`, start: parseCalendarDate(t.due_on!), allDay: true,
      summary: `${en ? 'Task' : 'Tâche'} : ${t.title} — ${t.case_title}`,
      url: `${ctx.config.publicUrl}/legal/cases/${t.case_id}`,
    });
  }
  return calendar.toString();
}
