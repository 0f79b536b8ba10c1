import { z } from 'zod';

/**
 * The observation rota (issue 10): which days each area expects observers out (a rule of ISO
 * weekdays, 1 = Monday … 7 = Sunday, with exceptions), the shift of each area and day with the
 * people on it, and "rien à signaler" — a staffed day with no eviction seen, which counts as
 * observed. Coverage (days observed ÷ expected days) is what makes a figure exact or "au moins".
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const areaCode = z.string().trim().min(1).max(40);

export const ROTA_ROLES = ['observer', 'driver'] as const;
export type RotaRole = (typeof ROTA_ROLES)[number];

/** Weekdays are checked in the service so "no day at all" gets its own message (rota.no_expected_day). */
export const rotaRuleInputSchema = z.strictObject({
  weekdays: z.array(z.number().int().min(1).max(7)).max(7),
  minObservers: z.number().int().min(0).max(20).default(2),
  minDrivers: z.number().int().min(0).max(20).default(1),
});
export type RotaRuleInput = z.infer<typeof rotaRuleInputSchema>;

export const rotaExceptionInputSchema = z.strictObject({ from: day, to: day, reason: z.string().trim().min(1).max(200) });
export type RotaExceptionInput = z.infer<typeof rotaExceptionInputSchema>;

export const rotaSignUpSchema = z.strictObject({ areaCode, day, role: z.enum(ROTA_ROLES).default('observer') });
export const rotaDaySchema = z.strictObject({ areaCode, day });
export const rotaNoShowSchema = z.strictObject({ areaCode, day, userId: z.uuid(), noShow: z.boolean() });
export const rotaQuerySchema = z.object({ from: day.optional(), to: day.optional() });
/** Offering one's place on a shift to others (offered: false takes the offer back). */
export const rotaOfferSchema = z.strictObject({ areaCode, day, offered: z.boolean() });
/** Taking over the place someone offered (same role). */
export const rotaTakeSchema = z.strictObject({ areaCode, day, userId: z.uuid() });
/** A coordinator moves a place from one person to another, offered or not. */
export const rotaReassignSchema = z.strictObject({ areaCode, day, fromUserId: z.uuid(), toUserId: z.uuid() });

export const rotaPersonViewSchema = z.object({
  userId: z.string(), name: z.string(), role: z.enum(ROTA_ROLES), noShow: z.boolean(), me: z.boolean(),
  /** The person offers their place: anyone else may take it over. */
  offered: z.boolean(),
});
/** How many more observers and drivers the rule asks for: a warning, never a block. */
export const rotaMissingSchema = z.object({ observers: z.number(), drivers: z.number() });
/** What a change of the people on a shift leaves: the warning to show when it is now short. */
export const rotaShiftStateSchema = z.object({ missing: rotaMissingSchema });
export type RotaShiftState = z.infer<typeof rotaShiftStateSchema>;
export const rotaDayViewSchema = z.object({
  day: z.string(),
  expected: z.boolean(),
  /** Why an expected day is not expected this time ("Noël"), when an exception covers it. */
  exception: z.string().nullable(),
  people: z.array(rotaPersonViewSchema),
  missing: rotaMissingSchema,
  nothingToReport: z.boolean(),
  /** An operation was recorded that day in the area (the day is observed). */
  operationRecorded: z.boolean(),
  past: z.boolean(),
  today: z.boolean(),
});
export const rotaAreaViewSchema = z.object({
  id: z.string(), code: z.string(), name: z.string(),
  rule: z.object({ weekdays: z.array(z.number()), minObservers: z.number(), minDrivers: z.number() }).nullable(),
  exceptions: z.array(z.object({ id: z.string(), from: z.string(), to: z.string(), reason: z.string() })),
  days: z.array(rotaDayViewSchema),
});
export const rotaViewSchema = z.object({
  from: z.string(), to: z.string(), today: z.string(), areas: z.array(rotaAreaViewSchema),
  /** The people a coordinator may put on a shift (empty for everyone else). */
  members: z.array(z.object({ userId: z.string(), name: z.string() })),
});
export type RotaView = z.infer<typeof rotaViewSchema>;
export type RotaAreaView = z.infer<typeof rotaAreaViewSchema>;
export type RotaDayView = z.infer<typeof rotaDayViewSchema>;

/** A person's own coming shifts and the short ones they could fill (the home page). */
export const rotaMineViewSchema = z.object({
  today: z.string(),
  shifts: z.array(z.object({ areaCode: z.string(), areaName: z.string(), day: z.string(), role: z.enum(ROTA_ROLES), offered: z.boolean(), missing: rotaMissingSchema })),
  short: z.array(z.object({ areaCode: z.string(), areaName: z.string(), day: z.string(), missing: rotaMissingSchema })),
});
export type RotaMineView = z.infer<typeof rotaMineViewSchema>;

/** The person's secret calendar link: the URL is shown once, when created. */
export const rotaCalendarFeedViewSchema = z.object({
  active: z.boolean(), createdAt: z.string().nullable(), expiresAt: z.string().nullable(), url: z.string().nullable(),
});
export type RotaCalendarFeedView = z.infer<typeof rotaCalendarFeedViewSchema>;
