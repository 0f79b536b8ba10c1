import type { Executor } from '../../../platform/db/database.js';
import type { ReportJobRow, ReportStatus } from './report-jobs.table.js';
import './report-jobs.table.js';

export type StoredFile = { key: string; sha256: string; size: number; mediaType: string; name: string };

export async function insertReportJob(trx: Executor, job: { id: string; organisationId: string; params: unknown; requestedBy: string }): Promise<void> {
  await trx.insertInto('report_jobs').values({
    id: job.id, organisation_id: job.organisationId, kind: 'annual', params: JSON.stringify(job.params), requested_by: job.requestedBy,
  }).execute();
}

export async function findReportJob(trx: Executor, id: string): Promise<ReportJobRow | undefined> {
  return trx.selectFrom('report_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listReportJobs(trx: Executor, limit: number): Promise<ReportJobRow[]> {
  return trx.selectFrom('report_jobs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

export async function updateProgress(trx: Executor, id: string, progress: number, step: string, status: ReportStatus = 'running'): Promise<void> {
  await trx.updateTable('report_jobs').set({ progress, step, status, error_code: null, finished_at: null }).where('id', '=', id).execute();
}

export async function finishReportJob(trx: Executor, id: string, files: Record<string, StoredFile>): Promise<void> {
  await trx.updateTable('report_jobs')
    .set({ status: 'done', progress: 100, step: 'done', files: JSON.stringify(files), finished_at: new Date() })
    .where('id', '=', id).execute();
}

export async function failReportJob(trx: Executor, id: string, errorCode: string): Promise<void> {
  await trx.updateTable('report_jobs').set({ status: 'failed', step: 'failed', error_code: errorCode, finished_at: new Date() })
    .where('id', '=', id).where('status', 'in', ['queued', 'running']).execute();
}
