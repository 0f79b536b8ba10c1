import { z } from 'zod';
import { REPORT_FILES } from '@vigie/domain';
import type { StoredFile } from './report-jobs.queries.js';
import type { ReportJobRow } from './report-jobs.table.js';

/** A report job as the web app shows it: its progress bar, then its files (never storage keys). */
export const reportJobSchema = z.object({
  id: z.string(),
  kind: z.literal('annual'),
  params: z.object({ year: z.number(), yearKind: z.enum(['calendar', 'observatory']), locale: z.enum(['fr', 'en']) }),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  step: z.string(),
  errorCode: z.string().nullable(),
  files: z.array(z.object({ kind: z.enum(REPORT_FILES), name: z.string(), size: z.number(), sha256: z.string() })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReportJobView = z.infer<typeof reportJobSchema>;

export function presentReportJob(row: ReportJobRow): ReportJobView {
  const files = row.files as Record<string, StoredFile>;
  return {
    id: row.id, kind: row.kind, params: row.params as ReportJobView['params'], status: row.status, progress: row.progress, step: row.step,
    errorCode: row.error_code,
    files: REPORT_FILES.filter((k) => files[k]).map((kind) => ({ kind, name: files[kind]!.name, size: files[kind]!.size, sha256: files[kind]!.sha256 })),
    createdAt: row.created_at.toISOString(), finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
