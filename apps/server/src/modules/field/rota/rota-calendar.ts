import ical from 'ical-generator';
import { can, normaliseRoles, parisDate, type Permission, type RotaCalendarFeedView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { translate } from '../../../platform/errors/messages.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { activeRotaFeed, insertRotaFeed, revokeRotaFeeds, rotaFeedByTokenHash, shiftsOfUser, touchRotaFeed, type FeedCalendar } from './rota.queries.js';

/**
 * Each person's shifts as a calendar a phone subscribes to, built like the legal deadlines'
 * feed (ical-generator, a secret URL): calendar apps cannot sign in, so the URL is the
 * credential — 256 random bits, only the hash stored, valid a year, revocable, one per person
 * (a new link revokes the old one). Every fetch is re-checked (revoked, expired, account
 * deactivated, no longer allowed on the rota: nothing) and audited. Event UIDs are the shift's
 * id, so a calendar updates an event rather than duplicating it.
 */
export const ROTA_FEED_VALID_DAYS = 365;
const PAST_DAYS = 60;
const COMING_DAYS = 180;
const dayMs = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/**
 * The same secret links open other calendars than the rota (the communication pole's editorial
 * calendar, issue 14; a person's tasks, issue 19): one kind of token, one table, one audit vocabulary per calendar, and one
 * way of writing the iCal document (calendarDocument).
 */
export type SecretCalendar = FeedCalendar;
const CALENDARS: Record<SecretCalendar, { path: string; audit: string; permission: Permission }> = {
  rota: { path: '/api/rota/calendar', audit: 'rota_calendar', permission: 'rota.signup' },
  communication: { path: '/api/campaigns/calendar', audit: 'campaign_calendar', permission: 'comms.publish' },
  // A person's tasks and meeting actions (issue 19): every member has a board.
  tasks: { path: '/api/association/tasks/calendar', audit: 'task_calendar', permission: 'dashboard.view' },
};
const feedUrl = (ctx: AppContext, token: string, calendar: SecretCalendar) => `${ctx.config.publicUrl}${CALENDARS[calendar].path}/${token}.ics`;

export async function calendarLinkState(ctx: AppContext, actor: Actor, calendar: SecretCalendar): Promise<RotaCalendarFeedView> {
  const feed = await inOrganisation(ctx.db, actor.organisationId, (trx) => activeRotaFeed(trx, actor.userId, calendar));
  return { active: feed !== undefined, createdAt: feed ? iso(feed.created_at) : null, expiresAt: feed ? iso(feed.expires_at) : null, url: null };
}

export async function createCalendarLink(ctx: AppContext, actor: Actor, ip: string, calendar: SecretCalendar): Promise<RotaCalendarFeedView> {
  const token = randomToken();
  const feed = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const replaced = await revokeRotaFeeds(trx, actor.userId, calendar);
    const row = await insertRotaFeed(trx, actor.organisationId, actor.userId, sha256Hex(token), ROTA_FEED_VALID_DAYS, calendar);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: `${CALENDARS[calendar].audit}.link_created`, entityType: 'user', entityId: actor.userId,
      context: { ip, replaced },
    });
    return row;
  });
  return { active: true, createdAt: iso(feed.created_at), expiresAt: iso(feed.expires_at), url: feedUrl(ctx, token, calendar) };
}

export async function revokeCalendarLink(ctx: AppContext, actor: Actor, ip: string, calendar: SecretCalendar): Promise<void> {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if ((await revokeRotaFeeds(trx, actor.userId, calendar)) === 0) throw new AppError('calendar_feed.not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: `${CALENDARS[calendar].audit}.link_revoked`, entityType: 'user', entityId: actor.userId,
      context: { ip },
    });
  });
}

/**
 * Opens a secret link of one calendar: refused (as "not found") when revoked, expired, of another
 * calendar, of a deactivated account or of a person no longer allowed to see it. Marks the link
 * used; the caller audits the read with what it disclosed.
 */
export async function openCalendarLink(ctx: AppContext, token: string, calendar: SecretCalendar) {
  const feed = await inSystemTransaction(ctx.db, (trx) => rotaFeedByTokenHash(trx, sha256Hex(token)));
  if (!feed || feed.calendar !== calendar || feed.revoked_at || feed.expired || !feed.active
    || !can(normaliseRoles([feed.role, ...feed.additional_roles]), CALENDARS[calendar].permission)) {
    throw new AppError('calendar_feed.not_found');
  }
  await inOrganisation(ctx.db, feed.organisation_id, (trx) => touchRotaFeed(trx, feed.id));
  return {
    id: feed.id, organisationId: feed.organisation_id, userId: feed.user_id, locale: (feed.locale === 'en' ? 'en' : 'fr') as 'fr' | 'en',
    roles: normaliseRoles([feed.role, ...feed.additional_roles]),
  };
}

export type CalendarEntry = { uid: string; start: Date; end?: Date | null; allDay?: boolean; summary: string; description: string; url: string };

/** The one iCal writer: UIDs are given by the caller and must stay the same for the same thing. */
export function calendarDocument(name: string, entries: CalendarEntry[]): string {
  const calendar = ical({ name, timezone: 'Europe/Paris', ttl: 3600 });
  for (const e of entries) {
    calendar.createEvent({
      id: e.uid, start: e.start, ...(e.end ? { end: e.end } : {}), ...(e.allDay ? { allDay: true } : {}), summary: e.summary, description: e.description, url: e.url,
    });
  }
  return calendar.toString();
}

export async function renderRotaFeed(ctx: AppContext, token: string, ip: string): Promise<string> {
  const feed = await openCalendarLink(ctx, token, 'rota');
  const today = parisDate(new Date());
  const shifts = await inOrganisation(ctx.db, feed.organisationId, async (trx) => {
    const rows = await shiftsOfUser(trx, feed.userId, addDays(today, -PAST_DAYS), addDays(today, COMING_DAYS));
    await recordAudit(trx, {
      organisationId: feed.organisationId, actorId: feed.userId, action: 'rota_calendar.read', entityType: 'user', entityId: feed.userId,
      context: { ip, shifts: rows.length },
    });
    return rows;
  });
  const locale = feed.locale;
  return calendarDocument(translate('rota.calendar.name', locale), shifts.map((s) => {
    const [y, m, d] = s.day.split('-').map(Number) as [number, number, number];
    return {
      uid: `rota-shift-${s.shift_id}@vigie`, start: new Date(y, m - 1, d), allDay: true,
      summary: translate(`rota.calendar.summary_${s.role}`, locale, { area: s.area_name }),
      description: [
        s.team.length > 0 ? translate('rota.calendar.team', locale, { team: s.team.join(', ') }) : translate('rota.calendar.alone', locale),
        s.offered ? translate('rota.calendar.offered', locale) : null,
        `${ctx.config.publicUrl}/rota`,
      ].filter(Boolean).join('\n\n'),
      url: `${ctx.config.publicUrl}/rota`,
    };
  }));
}
