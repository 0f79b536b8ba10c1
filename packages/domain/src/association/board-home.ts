import { z } from 'zod';
import { MEETING_KINDS } from './meetings.js';

/**
 * The board's home (bureau): what the association has published — the latest bulletins, press
 * releases sent and annual reports generated — and the association's life: meetings to come,
 * actions still open, job postings open to applications and equipment loans past their due date.
 * A section the person's roles do not cover is null (not shown), never an empty list that would
 * say "nothing" when the truth is "not yours to see".
 */
const section = <T extends z.ZodType>(item: T) => z.array(item).nullable();

export const boardHomeViewSchema = z.object({
  bulletins: section(z.object({ id: z.uuid(), areaName: z.string(), month: z.string(), publishedAt: z.string() })),
  pressReleases: section(z.object({ id: z.uuid(), title: z.string(), sentAt: z.string() })),
  reports: section(z.object({ id: z.uuid(), year: z.number().int(), yearKind: z.enum(['calendar', 'observatory']), finishedAt: z.string().nullable() })),
  meetings: section(z.object({ id: z.uuid(), title: z.string(), kind: z.enum(MEETING_KINDS), startsAt: z.string() })),
  actions: section(z.object({ id: z.uuid(), meetingId: z.uuid(), title: z.string(), ownerName: z.string(), dueOn: z.string(), overdue: z.boolean() })),
  postings: section(z.object({ id: z.uuid(), title: z.string(), closesOn: z.string() })),
  overdueLoans: section(z.object({ id: z.uuid(), borrowerName: z.string(), dueOn: z.string(), items: z.array(z.string()) })),
});
export type BoardHomeView = z.infer<typeof boardHomeViewSchema>;
