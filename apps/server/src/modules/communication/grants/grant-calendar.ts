import type { CalendarItemView } from '@vigie/domain';
import type { Trx } from '../../../platform/db/database.js';
import { reportingDatesBetween } from './grants.queries.js';

/**
 * Reporting dates as entries of the communication calendar (campaigns.service calendarItems, and
 * so its iCal feed). The uid "grant-report-<period id>" is stable: a calendar app moves the entry
 * when the date changes instead of adding one. An all-day entry at noon Paris (no end).
 */
export async function reportingDateItems(trx: Trx, from: string, to: string): Promise<CalendarItemView[]> {
  return (await reportingDatesBetween(trx, from, to)).map((r) => ({
    uid: `grant-report-${r.id}`, kind: 'grant_report', title: `${r.title} (${r.label})`, startsAt: new Date(`${r.report_due_on}T10:00:00Z`).toISOString(),
    endsAt: null, pole: 'communication', campaignId: null, campaignName: null, status: null, channel: null, path: `/communication/grants/${r.grant_id}`,
  }));
}
