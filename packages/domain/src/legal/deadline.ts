import { z } from 'zod';
import { calendarDateSchema } from './case.js';
import { DEADLINE_EFFECTS, DEADLINE_UNITS, LEGAL_ACTION_TYPES } from './vocabulary.js';

/**
 * Deadline rules are data (the law changes, the legal role edits them), each with the article
 * it comes from. A deadline is the date a rule gives from a trigger date, or a date set by hand.
 */

const remindDays = z.array(z.number().int().min(0).max(365)).max(5)
  .transform((days) => [...new Set(days)].sort((a, b) => b - a));

export const deadlineRuleInputSchema = z.strictObject({
  code: z.string().trim().regex(/^[a-z0-9_]{2,60}$/),
  label: z.string().trim().min(1).max(200),
  actionType: z.enum(LEGAL_ACTION_TYPES).nullable(),
  triggerLabel: z.string().trim().min(1).max(200),
  amount: z.number().int().min(1).max(1000),
  unit: z.enum(DEADLINE_UNITS),
  effect: z.enum(DEADLINE_EFFECTS),
  extendsToWorkingDay: z.boolean(),
  sourceNote: z.string().trim().min(1).max(2000),
  remindDaysBefore: remindDays,
  active: z.boolean(),
});
export type DeadlineRuleInput = z.infer<typeof deadlineRuleInputSchema>;

// The view states the stored days as they are (the input's transform, which dedupes and sorts them, has already run).
export const deadlineRuleViewSchema = deadlineRuleInputSchema.extend({ id: z.string(), updatedAt: z.string(), remindDaysBefore: z.array(z.number().int()) });
export type DeadlineRuleView = z.infer<typeof deadlineRuleViewSchema>;

/** From a rule and a trigger date, or by hand with a label and a date. */
export const deadlineCreateSchema = z.union([
  z.strictObject({
    ruleId: z.uuid(),
    /** Optional in the schema so that a missing date gets its own clear message naming the trigger. */
    triggerDate: calendarDateSchema.nullable().optional(),
    ownerId: z.uuid().nullable().optional(),
    remindDaysBefore: remindDays.optional(),
  }),
  z.strictObject({
    label: z.string().trim().min(1).max(200),
    dueOn: calendarDateSchema,
    ownerId: z.uuid().nullable().optional(),
    remindDaysBefore: remindDays.optional(),
  }),
]);
export type DeadlineCreate = z.infer<typeof deadlineCreateSchema>;

export const deadlineUpdateSchema = z.strictObject({
  ownerId: z.uuid().nullable().optional(),
  remindDaysBefore: remindDays.optional(),
  done: z.boolean().optional(),
});

export const DEADLINE_STATES = ['upcoming', 'past', 'done'] as const;
export const deadlineViewSchema = z.object({
  id: z.string(), caseId: z.string(), caseTitle: z.string(), ruleId: z.string().nullable(), label: z.string(),
  effect: z.enum(DEADLINE_EFFECTS), triggerDate: z.string().nullable(), dueOn: z.string(),
  /** Set when a weekend or public holiday moved the date: the date before the extension. */
  unextendedDueOn: z.string().nullable(), sourceNote: z.string().nullable(),
  ownerId: z.string().nullable(), ownerName: z.string().nullable(), remindDaysBefore: z.array(z.number()),
  /** 'past' = échéance dépassée: the date is before today (Paris) and the deadline is not done. */
  state: z.enum(DEADLINE_STATES),
});
export type DeadlineView = z.infer<typeof deadlineViewSchema>;

/** The feed URL holds a secret shown only once, when the link is created; afterwards only whether one is active. */
export const calendarFeedViewSchema = z.object({ active: z.boolean(), createdAt: z.string().nullable(), url: z.string().nullable() });
