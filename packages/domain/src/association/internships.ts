import { z } from 'zod';
import { uploadedFileSchema } from './applications.js';

/**
 * Interns (issue 18, item 5), under French law (reference-next-areas.md, C2 "Interns"):
 * - a tripartite convention de stage, signed, must be on file before the internship starts;
 * - the gratification is mandatory beyond two months of presence, consecutive or not, in the same
 *   school year: from the 309th hour (44 days × 7 h = 308 h);
 * - its legal minimum is 15 % of the hourly social-security ceiling (PHSS), which changes each
 *   year: the ceiling is a per-year setting, never a constant here (€29 in 2024 and 2025 → €4.35/h);
 * - at most 3 interns per tutor, and per organisation 3 when the headcount is under 20, else 15 %
 *   of it (décret 2015-1359), counted over conventions running in the same calendar week.
 */
export const GRATIFICATION_THRESHOLD_HOURS = 308;
export const GRATIFICATION_SHARE_OF_CEILING = 0.15;
export const MAX_INTERNS_PER_TUTOR = 3;
export const SMALL_ORGANISATION_HEADCOUNT = 20;
export const SMALL_ORGANISATION_INTERN_CAP = 3;
export const LARGE_ORGANISATION_INTERN_SHARE = 0.15;
/**
 * At most six months per intern, per host organisation and per school year (C. éduc. L124-5),
 * counted in presence: 7 hours make a day, 22 days a month (D124-6), so 6 × 22 × 7 = 924 hours.
 */
export const MAX_INTERNSHIP_HOURS_PER_SCHOOL_YEAR = 924;
/** Interns stay in the staff register five years after they leave (C. trav. R1221-26). */
export const STAFF_REGISTER_YEARS = 5;

/** The legal minimum hourly gratification, in cents, for an hourly ceiling in cents (2900 → 435). */
export function minimumGratificationCents(hourlyCeilingCents: number): number {
  return Math.round(hourlyCeilingCents * GRATIFICATION_SHARE_OF_CEILING);
}

/**
 * How many interns the organisation may host in the same week: 15 % of the headcount rounded up
 * ("arrondi à l'entier supérieur") at 20 or more, else 3 (C. éduc. R124-10). Counted in whole
 * percents so that no floating-point remainder can round a whole number up.
 */
export function organisationInternCap(headcount: number): number {
  const percent = Math.round(LARGE_ORGANISATION_INTERN_SHARE * 100);
  return headcount >= SMALL_ORGANISATION_HEADCOUNT ? Math.ceil((headcount * percent) / 100) : SMALL_ORGANISATION_INTERN_CAP;
}

const dayMs = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Working days (Monday to Friday) from `startsOn` to `endsOn`, both included. */
export function workingDays(startsOn: string, endsOn: string): number {
  let n = 0;
  for (let t = utc(startsOn); t <= utc(endsOn); t += dayMs) {
    const d = new Date(t).getUTCDay();
    if (d !== 0 && d !== 6) n += 1;
  }
  return n;
}

/** Planned presence hours: the weekly hours spread over five working days. */
export function plannedHours(startsOn: string, endsOn: string, weeklyHours: number): number {
  return Math.round(workingDays(startsOn, endsOn) * (weeklyHours / 5) * 10) / 10;
}

/** The school year (1 September to 31 August) a date falls in, named by its first year: 2026-10-01 → 2026. */
export function schoolYearOf(iso: string): number {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

/** The Monday of the date's week (ISO), as YYYY-MM-DD. */
export function mondayOf(iso: string): string {
  const t = utc(iso);
  const back = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - back * dayMs).toISOString().slice(0, 10);
}

/** The most internships running in one same calendar week of [startsOn, endsOn], the new one included. */
export function busiestWeek(startsOn: string, endsOn: string, others: ReadonlyArray<{ startsOn: string; endsOn: string }>): number {
  let most = 0;
  for (let w = utc(mondayOf(startsOn)); w <= utc(endsOn); w += 7 * dayMs) {
    const monday = new Date(w).toISOString().slice(0, 10);
    const sunday = new Date(w + 6 * dayMs).toISOString().slice(0, 10);
    most = Math.max(most, 1 + others.filter((o) => o.startsOn <= sunday && o.endsOn >= monday).length);
  }
  return most;
}

export const internshipInputSchema = z.strictObject({
  personId: z.uuid(),
  school: z.string().trim().min(1).max(200),
  tutorId: z.uuid(),
  startsOn: z.iso.date(), endsOn: z.iso.date(),
  weeklyHours: z.number().positive().max(48),
});
export type InternshipInput = z.infer<typeof internshipInputSchema>;

export const internshipConventionSchema = z.strictObject({ file: uploadedFileSchema });

export const internshipViewSchema = z.object({
  id: z.uuid(),
  person: z.object({ id: z.uuid(), displayName: z.string() }),
  tutor: z.object({ id: z.uuid(), displayName: z.string() }),
  school: z.string(), startsOn: z.string(), endsOn: z.string(), weeklyHours: z.number(),
  status: z.enum(['planned', 'started']),
  convention: z.object({ originalName: z.string(), sha256: z.string(), uploadedAt: z.string() }).nullable(),
  /** This internship's planned hours, and the person's hours at the organisation in the same school year (this one included). */
  plannedHours: z.number(), schoolYearHours: z.number(),
  gratificationDue: z.boolean(),
  /** 15 % of the year's hourly ceiling, in cents; null while the ceiling of the start's year is not set. */
  minimumHourlyCents: z.number().int().nullable(),
});
export type InternshipView = z.infer<typeof internshipViewSchema>;

export const internshipSettingsSchema = z.strictObject({
  staffHeadcount: z.number().int().min(0).max(100_000),
  ceilings: z.array(z.strictObject({ year: z.number().int().min(2000).max(2100), hourlyCeilingCents: z.number().int().positive().max(100_000) })).max(50),
});
export type InternshipSettings = z.infer<typeof internshipSettingsSchema>;

export const internshipsPageSchema = z.object({
  internships: z.array(internshipViewSchema),
  settings: internshipSettingsSchema,
  organisationCap: z.number().int(),
  people: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
});
export type InternshipsPage = z.infer<typeof internshipsPageSchema>;

/**
 * The interns' part of the registre unique du personnel (C. trav. L1221-13, D1221-23-1): in order of
 * arrival, each intern's name, the dates of the internship, the tutor and the place, kept five years
 * after the internship ends. The school is shown as well (it signs the convention).
 */
export const staffRegisterSchema = z.object({
  organisation: z.string(),
  printedOn: z.string(),
  interns: z.array(z.object({
    order: z.number().int(), name: z.string(), school: z.string(), tutor: z.string(), startsOn: z.string(), endsOn: z.string(),
    place: z.string(), status: z.enum(['planned', 'started']),
  })),
});
export type StaffRegister = z.infer<typeof staffRegisterSchema>;
