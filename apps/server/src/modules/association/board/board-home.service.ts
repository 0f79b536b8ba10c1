import { can, parisDate, type BoardHomeView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { listAll as listBulletins } from '../../communication/bulletins/bulletins.service.js';
import { listPressReleases } from '../../communication/press-releases/press-releases.service.js';
import { recentReportJobs } from '../../communication/reports/annual-report.service.js';
import { listHouseLoans } from '../equipment/loans.service.js';
import { openMeetingActions, upcomingMeetings } from '../meetings/meetings.service.js';
import { listOrganisationPostings } from '../postings/postings.service.js';

/**
 * The board's home, composed from each module's own service (never their queries): published
 * outputs and the association's life. Each section is read only when the person's roles cover
 * it — the same permission the module's own screen asks for — and is null otherwise.
 */
const LATEST = 5;

export async function boardHome(ctx: AppContext, actor: Actor): Promise<BoardHomeView> {
  const may = (p: Parameters<typeof can>[1]) => can(actor.roles, p);
  const today = parisDate(new Date());
  const stats = may('stats.view');

  const bulletins = stats
    ? (await listBulletins(ctx, actor)).bulletins.filter((b) => b.status === 'published' && b.published_at)
      .sort((a, b) => b.published_at!.getTime() - a.published_at!.getTime()).slice(0, LATEST)
      .map((b) => ({ id: b.id, areaName: b.area_name, month: b.month, publishedAt: b.published_at!.toISOString() }))
    : null;
  // Sent press releases are public once out; reading their titles needs no more than the statistics.
  const pressReleases = stats || may('comms.publish')
    ? (await listPressReleases(ctx, actor)).filter((r) => r.status === 'sent' && r.sentAt)
      .sort((a, b) => b.sentAt!.localeCompare(a.sentAt!)).slice(0, LATEST)
      .map((r) => ({ id: r.id, title: r.title, sentAt: r.sentAt! }))
    : null;
  const reports = stats
    ? (await recentReportJobs(ctx.db, actor)).filter((r) => r.status === 'done').slice(0, LATEST).map((r) => {
      const params = r.params as { year: number; yearKind: 'calendar' | 'observatory' };
      return { id: r.id, year: params.year, yearKind: params.yearKind, finishedAt: r.finished_at?.toISOString() ?? null };
    })
    : null;
  // Every member reads the meetings and their actions.
  const meetings = (await upcomingMeetings(ctx, actor, LATEST)).map((m) => ({ id: m.id, title: m.title, kind: m.kind, startsAt: m.startsAt }));
  const actions = (await openMeetingActions(ctx, actor)).map((a) => ({
    id: a.id, meetingId: a.meetingId, title: a.title, ownerName: a.ownerName, dueOn: a.dueOn, overdue: a.dueOn < today,
  }));
  const postings = may('recruitment.manage')
    ? (await listOrganisationPostings(ctx, actor)).filter((p) => p.status === 'published' && p.closesOn >= today)
      .sort((a, b) => a.closesOn.localeCompare(b.closesOn)).map((p) => ({ id: p.id, title: p.title, closesOn: p.closesOn }))
    : null;
  const overdueLoans = may('house.manage')
    ? (await listHouseLoans(ctx, actor, { open: true })).loans.filter((l) => l.overdue && l.dueOn)
      .map((l) => ({ id: l.id, borrowerName: l.borrowerName, dueOn: l.dueOn!, items: l.items.map((i) => i.label) }))
    : null;
  return { bulletins, pressReleases, reports, meetings, actions, postings, overdueLoans };
}
