import { z } from 'zod';

/**
 * Job postings (recruitment, issue 18): what the association offers — a salaried job, an
 * internship under a convention, volunteering or a civic service — with every field a job board
 * shows (the seeds in shared/seeds/), written in Markdown, closing on a date.
 */
import { ENGAGEMENTS, PAY_UNITS, POSTING_STATUSES, SCHEDULES, WORKPLACES } from './vocabulary.js';

const line = z.string().trim().min(1).max(300);
const list = z.array(line).max(40);
const isoDate = z.iso.date();

export const postingInputSchema = z.strictObject({
  title: z.string().trim().min(3).max(160),
  engagement: z.enum(ENGAGEMENTS),
  /** Town or city ("Calais"); with the postal code and region it becomes jobLocation. */
  locality: z.string().trim().min(1).max(120),
  postalCode: z.string().trim().regex(/^[0-9A-Z -]{3,10}$/).nullable(),
  region: z.string().trim().min(1).max(120).nullable(),
  country: z.string().trim().regex(/^[A-Z]{2}$/).default('FR'),
  workplace: z.enum(WORKPLACES),
  schedule: z.enum(SCHEDULES),
  hoursPerWeek: z.number().positive().max(60).nullable(),
  /** "CDD", "CDI", "Convention de stage", "Contrat d'engagement de service civique"… */
  contract: z.string().trim().min(1).max(120).nullable(),
  durationMonths: z.number().int().positive().max(60).nullable(),
  startDate: isoDate.nullable(),
  /** Salary, gratification or allowance: a range or a single amount (min = max), in euros. */
  payMin: z.number().nonnegative().max(1_000_000).nullable(),
  payMax: z.number().nonnegative().max(1_000_000).nullable(),
  payUnit: z.enum(PAY_UNITS).nullable(),
  benefits: list,
  qualifications: list,
  responsibilities: list,
  skills: list,
  tools: list,
  education: list,
  languages: list,
  /** Markdown; raw HTML is shown as text on the public page. */
  description: z.string().trim().min(1).max(20_000),
  closesOn: isoDate,
  openings: z.number().int().positive().max(50).default(1),
});
export type PostingInput = z.infer<typeof postingInputSchema>;

export const postingViewSchema = postingInputSchema.safeExtend({
  id: z.uuid(),
  status: z.enum(POSTING_STATUSES),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Where the public page lives once published (null while the organisation has no public address). */
  publicUrl: z.string().nullable(),
});
export type PostingView = z.infer<typeof postingViewSchema>;

