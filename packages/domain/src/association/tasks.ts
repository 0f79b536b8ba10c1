import { z } from 'zod';
import { TASK_LINK_KINDS, TASK_POLES, TASK_STATUSES } from './house-vocabulary.js';

/**
 * Task boards (issue 19): one per pole, three columns, for staff, interns and volunteers. A task may
 * point to a decision of the meetings log, a campaign or a legal case (checked by that module). The
 * open meeting actions a person owns appear on their board beside their tasks, read from meetings.
 */
const text = (max: number) => z.string().trim().max(max);

/** `title` may arrive empty from a form: refused with a clear message. */
export const taskInputSchema = z.strictObject({
  pole: z.enum(TASK_POLES), title: text(300), notes: text(4000).default(''),
  assigneeId: z.uuid().nullable().default(null), dueOn: z.iso.date().nullable().default(null),
  link: z.strictObject({ kind: z.enum(TASK_LINK_KINDS), id: z.uuid() }).nullable().default(null),
});
export type TaskInput = z.infer<typeof taskInputSchema>;
export const taskMoveSchema = z.strictObject({ status: z.enum(TASK_STATUSES) });

/** A task edited: only the fields sent change (the column too, as a move would). `title` may arrive empty: refused. */
export const taskChangeSchema = z.strictObject({
  title: text(300).optional(), notes: text(4000).optional(), assigneeId: z.uuid().nullable().optional(), dueOn: z.iso.date().nullable().optional(),
  status: z.enum(TASK_STATUSES).optional(),
});
export type TaskChange = z.infer<typeof taskChangeSchema>;

/** A meeting action put on a pole's board: it becomes a task (once), linked back to its decision. */
export const taskFromActionSchema = z.strictObject({ actionId: z.uuid(), pole: z.enum(TASK_POLES) });
export type TaskFromAction = z.infer<typeof taskFromActionSchema>;

export const taskViewSchema = z.object({
  id: z.uuid(),
  /** 'task' for the board's own; 'meeting_action' for an action decided in a meeting (done from here too). */
  source: z.enum(['task', 'meeting_action']),
  pole: z.enum(TASK_POLES), title: z.string(), notes: z.string(), status: z.enum(TASK_STATUSES),
  assigneeId: z.string().nullable(), assigneeName: z.string().nullable(), dueOn: z.string().nullable(),
  link: z.object({ kind: z.enum([...TASK_LINK_KINDS, 'meeting']), id: z.uuid(), label: z.string(), path: z.string() }).nullable(),
  overdue: z.boolean(),
  /** The meeting action this task carries on a board (its status follows the task's), or null. */
  actionId: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskViewSchema>;

export const taskBoardSchema = z.object({ pole: z.enum(TASK_POLES).nullable(), tasks: z.array(taskViewSchema) });
export type TaskBoard = z.infer<typeof taskBoardSchema>;

