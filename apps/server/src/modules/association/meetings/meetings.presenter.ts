import type { ActionView, DecisionView, MeetingSeriesView, MeetingView } from '@vigie/domain';
import type { ActionRow, DecisionRow, MeetingRow, SeriesRow, agendaOf } from './meetings.queries.js';

export const presentSeries = (s: SeriesRow): MeetingSeriesView => ({
  id: s.id, title: s.title, weekday: s.weekday, startTime: s.start_time, agendaTemplate: s.agenda_template,
});

export const presentDecision = (d: DecisionRow): DecisionView => ({
  id: d.id, meetingId: d.meeting_id, meetingTitle: d.meeting_title, meetingStartsAt: d.meeting_starts_at.toISOString(), agendaItemId: d.agenda_item_id,
  text: d.text, context: d.context, decidedAt: d.decided_at.toISOString(), contentSha256: d.content_sha256,
});

export const presentAction = (a: ActionRow): ActionView => ({
  id: a.id, meetingId: a.meeting_id, decisionId: a.decision_id, title: a.title, ownerId: a.owner_id, ownerName: a.owner_name,
  dueOn: a.due_on, doneAt: a.done_at?.toISOString() ?? null,
});

export function presentMeeting(m: MeetingRow, agenda: Awaited<ReturnType<typeof agendaOf>>, decisions: DecisionRow[], actions: ActionRow[]): MeetingView {
  return {
    id: m.id, seriesId: m.series_id, title: m.title, kind: m.kind as MeetingView['kind'], startsAt: m.starts_at.toISOString(),
    endsAt: m.ends_at?.toISOString() ?? null, status: m.status as MeetingView['status'], minutes: m.minutes,
    agenda: agenda.map((a) => ({
      id: a.id, position: a.position, title: a.title, notes: a.notes, source: a.source as MeetingView['agenda'][number]['source'], actionId: a.action_id,
      proposedBy: a.proposed_by_name ?? null,
    })),
    decisions: decisions.map(presentDecision),
    actions: actions.map(presentAction),
  };
}
