import { z } from 'zod';
import { METRIC_CODES } from '../statistics/metrics.js';
import { INDICATOR_PROBLEMS, INDICATOR_SOURCES } from './vocabulary.js';

/**
 * Grants and their funder indicators (issue 14, d.4). A grant has a funder (a contact of kind
 * organisation, or a name in free text), an amount in euro cents, a period, reporting periods
 * (each with the date its report is due) and indicators. An indicator's actual for a period is
 * computed by Vigie from its source, or entered by hand with where it comes from. The order of
 * dates, the sign of the amount and the source of a hand-entered actual are checked by the
 * service, so that each refusal says in words what is wrong.
 */
const text = (max: number) => z.string().trim().max(max);
const quantity = z.number().finite().min(-1e12).max(1e12);

export const grantPeriodInputSchema = z.strictObject({
  id: z.uuid().optional(),
  label: text(100).min(1),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  reportDueOn: z.iso.date().nullable().default(null),
});
export type GrantPeriodInput = z.infer<typeof grantPeriodInputSchema>;

export const grantInputSchema = z.strictObject({
  title: text(200).min(1),
  funderContactId: z.uuid().nullable().default(null),
  funderName: text(300).default(''),
  amountCents: z.number().int().min(-1e15).max(1e15),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  objectives: text(10_000).default(''),
  remindDaysBefore: z.number().int().min(0).max(90).default(14),
  periods: z.array(grantPeriodInputSchema).max(60).default([]),
});
export type GrantInput = z.infer<typeof grantInputSchema>;

export const indicatorValueInputSchema = z.strictObject({
  periodId: z.uuid(),
  target: quantity.nullable().default(null),
  actual: quantity.nullable().default(null),
  actualSource: text(1000).nullable().default(null),
});
export type IndicatorValueInput = z.infer<typeof indicatorValueInputSchema>;

export const indicatorInputSchema = z.strictObject({
  name: text(300).min(1),
  unit: text(100).default(''),
  baseline: quantity.nullable().default(null),
  source: z.enum(INDICATOR_SOURCES),
  /** For source 'statistics': the figure reference, without its period (the report's period is used). */
  metric: z.enum(METRIC_CODES as unknown as [string, ...string[]]).nullable().default(null),
  areaCode: text(40).nullable().default(null),
  forceCorps: text(100).nullable().default(null),
  values: z.array(indicatorValueInputSchema).max(60).default([]),
});
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

export const reportQuerySchema = z.strictObject({
  periodId: z.uuid(),
  lang: z.enum(['fr', 'en']).default('fr'),
});

const figureSchema = z.object({ value: z.number(), atLeast: z.boolean(), unobserved: z.boolean().optional() });

/** An indicator's numbers for one reporting period. */
export const indicatorPeriodViewSchema = z.object({
  periodId: z.uuid(),
  target: z.number().nullable(),
  /** The actual: computed (with its "au moins" flag) or entered by hand; null when neither. */
  actual: figureSchema.nullable(),
  /** How it reads everywhere ("au moins 12", "0", "non observé"), in the asker's language. */
  wording: z.string().nullable(),
  computed: z.boolean(),
  manualSource: z.string().nullable(),
  /** Set when the source figure no longer exists (an area removed, a term gone): the actual is not computed. */
  problem: z.enum(INDICATOR_PROBLEMS).nullable(),
  problemMessage: z.string().nullable(),
});
export type IndicatorPeriodView = z.infer<typeof indicatorPeriodViewSchema>;

export const indicatorViewSchema = z.object({
  id: z.uuid(), name: z.string(), unit: z.string(), baseline: z.number().nullable(), source: z.enum(INDICATOR_SOURCES),
  metric: z.string().nullable(), areaCode: z.string().nullable(), forceCorps: z.string().nullable(),
  periods: z.array(indicatorPeriodViewSchema),
});
export type IndicatorView = z.infer<typeof indicatorViewSchema>;

export const grantPeriodViewSchema = z.object({
  id: z.uuid(), label: z.string(), startsOn: z.string(), endsOn: z.string(), reportDueOn: z.string().nullable(),
});
export type GrantPeriodView = z.infer<typeof grantPeriodViewSchema>;

export const grantSummaryViewSchema = z.object({
  id: z.uuid(), title: z.string(), funderName: z.string(), amountCents: z.number().int(), startsOn: z.string(), endsOn: z.string(),
  indicators: z.number().int(), nextReportDueOn: z.string().nullable(),
});
export type GrantSummaryView = z.infer<typeof grantSummaryViewSchema>;

export const grantViewSchema = z.object({
  id: z.uuid(), title: z.string(), funderContactId: z.uuid().nullable(), funderName: z.string(), amountCents: z.number().int(),
  startsOn: z.string(), endsOn: z.string(), objectives: z.string(), remindDaysBefore: z.number().int(), createdByName: z.string(), updatedAt: z.string(),
  periods: z.array(grantPeriodViewSchema),
  indicators: z.array(indicatorViewSchema),
});
export type GrantView = z.infer<typeof grantViewSchema>;
