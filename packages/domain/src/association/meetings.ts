import { z } from 'zod';

/**
 * Weekly meetings (issue 19): a series with an agenda template; anyone adds agenda items
 * beforehand; minutes taken during the meeting; decisions in an append-only log (each also in the
 * hash-chained audit trail); actions with one owner and a due date, carried over until done.
 */
const text = (max: number) => z.string().trim().max(max);

export const MEETING_KINDS = ['meeting', 'retreat'] as const;
export const MEETING_STATUSES = ['planned', 'in_progress', 'closed'] as const;
export const AGENDA_SOURCES = ['template', 'proposed', 'action'] as const;

export const meetingSeriesInputSchema = z.strictObject({
  title: text(160).min(1),
  weekday: z.number().int().min(1).max(7),
  startTime: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/),
  agendaTemplate: z.array(text(300).min(1)).max(30).default([]),
});
export type MeetingSeriesInput = z.infer<typeof meetingSeriesInputSchema>;

export const meetingSeriesViewSchema = z.object({
  id: z.uuid(), title: z.string(), weekday: z.number(), startTime: z.string(), agendaTemplate: z.array(z.string()),
});
export type MeetingSeriesView = z.infer<typeof meetingSeriesViewSchema>;

export const meetingInputSchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  kind: z.enum(MEETING_KINDS).default('meeting'),
  title: text(160).min(1).nullable().default(null),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const agendaItemInputSchema = z.strictObject({ title: text(300).min(1), notes: text(20_000).default('') });
export type AgendaItemInput = z.infer<typeof agendaItemInputSchema>;

export const minutesInputSchema = z.strictObject({ minutes: z.string().max(100_000) });

/** `text` may arrive empty from a form: the service refuses it with a clear message (a decision without text). */
export const decisionInputSchema = z.strictObject({
  text: z.string().max(4000), context: text(4000).default(''), agendaItemId: z.uuid().nullable().default(null),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

/** `ownerId` may arrive empty from a form: refused with a clear message (an action without owner). */
export const actionInputSchema = z.strictObject({
  title: text(300), ownerId: z.union([z.uuid(), z.literal('')]).nullable().default(null), dueOn: z.iso.date(),
  decisionId: z.uuid().nullable().default(null),
});
export type ActionInput = z.infer<typeof actionInputSchema>;

export const decisionViewSchema = z.object({
  id: z.uuid(), meetingId: z.uuid(), meetingTitle: z.string(), meetingStartsAt: z.string(), agendaItemId: z.string().nullable(),
  text: z.string(), context: z.string(), decidedAt: z.string(), contentSha256: z.string(),
});
export type DecisionView = z.infer<typeof decisionViewSchema>;

export const actionViewSchema = z.object({
  id: z.uuid(), meetingId: z.uuid(), decisionId: z.string().nullable(), title: z.string(), ownerId: z.uuid(), ownerName: z.string(),
  dueOn: z.string(), doneAt: z.string().nullable(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

export const meetingViewSchema = z.object({
  id: z.uuid(), seriesId: z.string().nullable(), title: z.string(), kind: z.enum(MEETING_KINDS), startsAt: z.string(), endsAt: z.string().nullable(),
  status: z.enum(MEETING_STATUSES), minutes: z.string(),
  agenda: z.array(z.object({
    id: z.uuid(), position: z.number(), title: z.string(), notes: z.string(), source: z.enum(AGENDA_SOURCES), actionId: z.string().nullable(),
    proposedBy: z.string().nullable(),
  })),
  decisions: z.array(decisionViewSchema),
  actions: z.array(actionViewSchema),
});
export type MeetingView = z.infer<typeof meetingViewSchema>;

export const decisionsCheckSchema = z.object({ decisions: z.number(), altered: z.array(z.object({ id: z.uuid(), problem: z.enum(['content_changed', 'audit_entry_missing']) })) });
