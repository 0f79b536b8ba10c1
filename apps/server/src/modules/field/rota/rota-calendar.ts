import ical from 'ical-generator';
import { can, normaliseRoles, parisDate, type RotaCalendarFeedView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { translate } from '../../../platform/errors/messages.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { activeRotaFeed, insertRotaFeed, revokeRotaFeeds, rotaFeedByTokenHash, shiftsOfUser, touchRotaFeed } from './rota.queries.js';

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
const feedUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/api/rota/calendar/${token}.ics`;
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export async function rotaFeedState(ctx: AppContext, actor: Actor): Promise<RotaCalendarFeedView> {
  const feed = await inOrganisation(ctx.db, actor.organisationId, (trx) => activeRotaFeed(trx, actor.userId));
  return { active: feed !== undefined, createdAt: feed ? iso(feed.created_at) : null, expiresAt: feed ? iso(feed.expires_at) : null, url: null };
}

export async function createRotaFeed(ctx: AppContext, actor: Actor, ip: string): Promise<RotaCalendarFeedView> {
  const token = randomToken();
  const feed = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const replaced = await revokeRotaFeeds(trx, actor.userId);
    const row = await insertRotaFeed(trx, actor.organisationId, actor.userId, sha256Hex(token), ROTA_FEED_VALID_DAYS);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'rota_calendar.link_created', entityType: 'user', entityId: actor.userId,
      context: { ip, replaced },
    });
    return row;
  });
  return { active: true, createdAt: iso(feed.created_at), expiresAt: iso(feed.expires_at), url: feedUrl(ctx, token) };
}

export async function revokeRotaFeed(ctx: AppContext, actor: Actor, ip: string): Promise<void> {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if ((await revokeRotaFeeds(trx, actor.userId)) === 0) throw new AppError('calendar_feed.not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'rota_calendar.link_revoked', entityType: 'user', entityId: actor.userId,
      context: { ip },
    });
  });
}

export async function renderRotaFeed(ctx: AppContext, token: string, ip: string): Promise<string> {
  const feed = await inSystemTransaction(ctx.db, (trx) => rotaFeedByTokenHash(trx, sha256Hex(token)));
  if (!feed || feed.revoked_at || feed.expired || !feed.active || !can(normaliseRoles([feed.role, ...feed.additional_roles]), 'rota.signup')) {
    throw new AppError('calendar_feed.not_found');
  }
  const today = parisDate(new Date());
  const shifts = await inOrganisation(ctx.db, feed.organisation_id, async (trx) => {
    const rows = await shiftsOfUser(trx, feed.user_id, addDays(today, -PAST_DAYS), addDays(today, COMING_DAYS));
    await touchRotaFeed(trx, feed.id);
    await recordAudit(trx, {
      organisationId: feed.organisation_id, actorId: feed.user_id, action: 'rota_calendar.read', entityType: 'user', entityId: feed.user_id,
      context: { ip, shifts: rows.length },
    });
    return rows;
  });
  const locale = feed.locale === 'en' ? 'en' : 'fr';
  const calendar = ical({ name: translate('rota.calendar.name', locale), timezone: 'Europe/Paris', ttl: 3600 });
  for (const s of shifts) {
    const [y, m, d] = s.day.split('-').map(Number) as [number, number, number];
    calendar.createEvent({
      id: `rota-shift-${s.shift_id}@vigie`, start: new Date(y, m - 1, d), allDay: true,
      summary: translate(`rota.calendar.summary_${s.role}`, locale, { area: s.area_name }),
      description: [
        s.team.length > 0 ? translate('rota.calendar.team', locale, { team: s.team.join(', ') }) : translate('rota.calendar.alone', locale),
        s.offered ? translate('rota.calendar.offered', locale) : null,
        `${ctx.config.publicUrl}/rota`,
      ].filter(Boolean).join('\n\n'),
      url: `${ctx.config.publicUrl}/rota`,
    });
  }
  return calendar.toString();
}
