import type { AgendaItemInput, MEETING_STATUSES, MeetingInput, MeetingSeriesInput } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { presentAction, presentMeeting, presentSeries } from './meetings.presenter.js';
import {
  actionsByIds, actionsOfMeeting, agendaOf, decisionsOf, findDecision, findMeeting, findSeries, insertAgendaItems, insertMeeting, insertSeries, listMeetings, listSeries,
  nextPosition, openActions, openActionsOf, openActionsOfSeries, setMeeting, activeMembers,
} from './meetings.queries.js';

type MeetingStatus = (typeof MEETING_STATUSES)[number];

/**
 * Meetings (issue 19): a series with its agenda template; each meeting's agenda starts with the
 * template's sections and the series' actions still open, then what members proposed. Minutes are
 * taken while the meeting is in progress; a closed meeting is read-only.
 */

export async function meetingView(trx: Executor, id: string) {
  const m = await findMeeting(trx, id);
  if (!m) throw new AppError('meeting.not_found');
  const [agenda, decisions, actions] = await Promise.all([agendaOf(trx, id), decisionsOf(trx, id), actionsOfMeeting(trx, id)]);
  // Carried actions show with the meeting where they are discussed again, with their current state.
  const carried = await actionsByIds(trx, agenda.filter((a) => a.action_id).map((a) => a.action_id!));
  const own = new Set(actions.map((a) => a.id));
  return presentMeeting(m, agenda, decisions, [...actions, ...carried.filter((a) => !own.has(a.id))]);
}

export async function createSeries(ctx: AppContext, actor: Actor, input: MeetingSeriesInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await insertSeries(trx, {
      organisation_id: actor.organisationId, title: input.title, weekday: input.weekday, start_time: input.startTime, agenda_template: input.agendaTemplate, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'meeting_series.created', entityType: 'meeting_series', entityId: row.id,
      after: { title: row.title }, context: { ip },
    });
    return presentSeries(row);
  });
}

export async function seriesList(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ series: (await listSeries(trx)).map(presentSeries) }));
}

/** The next meeting of a series: template sections, then the open actions carried over. */
export async function planMeeting(ctx: AppContext, actor: Actor, seriesId: string, input: MeetingInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const series = await findSeries(trx, seriesId);
    if (!series) throw new AppError('meeting.series_not_found');
    const startsAt = new Date(input.startsAt);
    if (input.endsAt && new Date(input.endsAt) < startsAt) throw new AppError('meeting.ends_before_start');
    const m = await insertMeeting(trx, {
      organisation_id: actor.organisationId, series_id: seriesId, title: input.title ?? series.title, kind: input.kind, starts_at: startsAt,
      ends_at: input.endsAt, created_by: actor.userId,
    });
    const open = await openActionsOfSeries(trx, seriesId, startsAt);
    let position = 0;
    await insertAgendaItems(trx, [
      ...open.map((a) => ({
        organisation_id: actor.organisationId, meeting_id: m.id, position: ++position, title: a.title, source: 'action', action_id: a.id,
        notes: '',
      })),
      ...series.agenda_template.map((title) => ({ organisation_id: actor.organisationId, meeting_id: m.id, position: ++position, title, source: 'template' })),
    ]);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'meeting.planned', entityType: 'meeting', entityId: m.id,
      after: { seriesId, startsAt: startsAt.toISOString(), carriedActions: open.map((a) => a.id) }, context: { ip },
    });
    return meetingView(trx, m.id);
  });
}

export async function readMeeting(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => meetingView(trx, id));
}

export async function meetingsOf(ctx: AppContext, actor: Actor, seriesId: string | undefined) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({
    meetings: (await listMeetings(trx, seriesId)).map((m) => ({ id: m.id, title: m.title, kind: m.kind as 'meeting' | 'retreat', startsAt: m.starts_at.toISOString(), status: m.status as MeetingStatus })),
  }));
}

/** The meetings still to come (planned or under way), the soonest first. */
export async function upcomingMeetings(ctx: AppContext, actor: Actor, limit = 5) {
  const now = Date.now();
  const { meetings } = await meetingsOf(ctx, actor, undefined);
  // A meeting under way started a moment ago but is not over: it is still "to come" for the board.
  return meetings.filter((m) => m.status !== 'closed' && (m.status === 'in_progress' || new Date(m.startsAt).getTime() >= now))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt)).slice(0, limit);
}

/** The actions decided in meetings and not yet done, across every series, the oldest deadline first. */
export async function openMeetingActions(ctx: AppContext, actor: Actor, limit = 10) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await openActions(trx, limit)).map(presentAction));
}

/** Any member proposes an item before the meeting (not once it is closed). */
export async function proposeAgendaItem(ctx: AppContext, actor: Actor, meetingId: string, input: AgendaItemInput) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const m = await findMeeting(trx, meetingId, true);
    if (!m) throw new AppError('meeting.not_found');
    if (m.status === 'closed') throw new AppError('meeting.closed');
    await insertAgendaItems(trx, [{
      organisation_id: actor.organisationId, meeting_id: meetingId, position: await nextPosition(trx, meetingId), title: input.title, notes: input.notes,
      source: 'proposed', proposed_by: actor.userId,
    }]);
    return meetingView(trx, meetingId);
  });
}

export async function changeMeetingStatus(ctx: AppContext, actor: Actor, id: string, to: 'in_progress' | 'closed', ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const m = await findMeeting(trx, id, true);
    if (!m) throw new AppError('meeting.not_found');
    const allowed = to === 'in_progress' ? m.status === 'planned' : m.status === 'in_progress';
    if (!allowed) throw new AppError('meeting.wrong_status', { status: m.status });
    await setMeeting(trx, id, to === 'closed' ? { status: to, closed_at: new Date() } : { status: to });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: to === 'closed' ? 'meeting.closed' : 'meeting.started', entityType: 'meeting', entityId: id,
      before: { status: m.status }, after: { status: to }, context: { ip },
    });
    return meetingView(trx, id);
  });
}

export async function saveMinutes(ctx: AppContext, actor: Actor, id: string, minutes: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const m = await findMeeting(trx, id, true);
    if (!m) throw new AppError('meeting.not_found');
    if (m.status !== 'in_progress') throw new AppError('meeting.not_in_progress');
    await setMeeting(trx, id, { minutes });
    return meetingView(trx, id);
  });
}

/** Who may own an action: the organisation's active members. */
export async function meetingMembers(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({
    members: (await activeMembers(trx)).map((m) => ({ id: m.id, displayName: m.display_name })),
  }));
}

/** A decision of the log, for another module pointing at it (a task); undefined when absent. */
export async function decisionLabel(trx: Executor, id: string): Promise<string | undefined> {
  return (await findDecision(trx, id))?.text;
}

/** The open actions a person owns (their task board shows them beside their tasks), the oldest deadline first. */
export async function actionsOwnedBy(trx: Executor, userId: string) {
  return (await openActionsOf(trx, userId)).map(presentAction);
}
