import { parisDate, type CalendarItemView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import { calendarDocument, openCalendarLink } from '../../field/rota/rota-calendar.js';
import { calendarItems } from './campaigns.service.js';

/**
 * The editorial calendar as an iCal feed, through the rota's secret calendar links (one token
 * kind, one table, one iCal writer: rota-calendar.ts): the link opens the 'communication'
 * calendar only, for a person who still has comms.publish. UIDs are the item's uid ("post-<id>",
 * "event-<id>", "press-embargo-<id>", "grant-report-<period id>"…), so a calendar app updates an entry rather than adding one.
 */
const PAST_DAYS = 60;
const COMING_DAYS = 365;
const dayMs = 86_400_000;
const NETWORKS: Record<string, string> = { x: 'X', bluesky: 'Bluesky', mastodon: 'Mastodon', instagram: 'Instagram', facebook: 'Facebook', linkedin: 'LinkedIn' };

function summary(i: CalendarItemView, locale: 'fr' | 'en') {
  if (i.kind === 'post') return translate('campaign.calendar.post', locale, { network: NETWORKS[i.channel ?? ''] ?? '', title: i.title });
  // A cancelled event stays under the same UID, so calendar apps show it called off rather than gone.
  if (i.kind === 'event' && i.status === 'cancelled') return translate('campaign.calendar.event_cancelled', locale, { title: i.title });
  return translate(`campaign.calendar.${i.kind}`, locale, { title: i.title });
}

export async function renderCampaignFeed(ctx: AppContext, token: string, ip: string): Promise<string> {
  const feed = await openCalendarLink(ctx, token, 'communication');
  const now = Date.now();
  const items = await inOrganisation(ctx.db, feed.organisationId, async (trx) => {
    const rows = await calendarItems(trx, { from: parisDate(new Date(now - PAST_DAYS * dayMs)), to: parisDate(new Date(now + COMING_DAYS * dayMs)) });
    await recordAudit(trx, {
      organisationId: feed.organisationId, actorId: feed.userId, action: 'campaign_calendar.read', entityType: 'user', entityId: feed.userId,
      context: { ip, items: rows.length },
    });
    return rows;
  });
  return calendarDocument(translate('campaign.calendar.name', feed.locale), items.map((i) => ({
    uid: `${i.uid}@vigie`, start: new Date(i.startsAt), end: i.endsAt ? new Date(i.endsAt) : null, summary: summary(i, feed.locale),
    description: [i.campaignName ? translate('campaign.calendar.campaign', feed.locale, { name: i.campaignName }) : null, `${ctx.config.publicUrl}${i.path}`]
      .filter(Boolean).join('\n\n'),
    url: `${ctx.config.publicUrl}${i.path}`,
  })));
}
