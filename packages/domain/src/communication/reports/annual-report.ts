import { z } from 'zod';
import { localeSchema } from '../../identity/schemas.js';

/**
 * The annual report pack: a calendar year, or the national eviction observatory's year that runs
 * from 1 November to 31 October (named after the year it ends in: "2025" is 1 Nov 2024–31 Oct 2025).
 */
export const REPORT_YEAR_KINDS = ['calendar', 'observatory'] as const;
export type ReportYearKind = (typeof REPORT_YEAR_KINDS)[number];

export const annualReportRequestSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  yearKind: z.enum(REPORT_YEAR_KINDS).default('calendar'),
  locale: localeSchema.optional(),
});
export type AnnualReportRequest = z.infer<typeof annualReportRequestSchema>;

export const REPORT_FILES = ['xlsx', 'pdf', 'zip'] as const;
export type ReportFile = (typeof REPORT_FILES)[number];

/** Europe/Paris days, both inclusive. */
export function annualPeriod(year: number, kind: ReportYearKind): { from: string; to: string } {
  return kind === 'calendar'
    ? { from: `${year}-01-01`, to: `${year}-12-31` }
    : { from: `${year - 1}-11-01`, to: `${year}-10-31` };
}
