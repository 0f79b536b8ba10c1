import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { zipSync } from 'fflate';
import { annualPeriod, publishChecklist, type AnnualReportRequest, type Locale, type ReportFile } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/database.js';
import { inOrganisation, inOrganisationReadOnly } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { computeCoverage } from '../statistics/statistics.service.js';
import { chartDataCsv, chartFileName, renderChartPng, renderChartSvg } from '../charts/index.js';
import { parisDate } from '@vigie/domain/rules';
import { annualCharts } from './annual-report.charts.js';
import { gatherAnnualReport } from './annual-report.content.js';
import { annualReportPdf } from './annual-report.pdf.js';
import { annualReportXlsx } from './annual-report.xlsx.js';
import {
  failReportJob, findReportJob, finishReportJob, insertReportJob, listReportJobs, updateProgress, type StoredFile,
} from './report-jobs.queries.js';

/**
 * The annual report pack is generated in the background (it draws a dozen charts and typesets
 * a long PDF): asking for it records a job and returns at once; the web app polls the job's
 * progress and offers the three files when it is done.
 */
export const ANNUAL_REPORT_JOB = 'reports.annual';

type JobData = { reportId: string; organisationId: string };

export async function requestAnnualReport(ctx: AppContext, actor: Actor, request: AnnualReportRequest, locale: Locale): Promise<{ id: string }> {
  const { from } = annualPeriod(request.year, request.yearKind);
  if (from > parisDate(new Date())) throw new AppError('report.period_not_started', { from });
  const id = randomUUID();
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await insertReportJob(trx, { id, organisationId: actor.organisationId, requestedBy: actor.userId, params: { ...request, locale: request.locale ?? locale } });
    await ctx.queue.enqueue(trx, ANNUAL_REPORT_JOB, { reportId: id, organisationId: actor.organisationId } satisfies JobData);
  });
  return { id };
}

/**
 * The publish checklist before a report is generated for publication: its files are computed
 * once from the verified records and never change afterwards, so a year observed on too few
 * days is said first. Its texts are generated in one language and it has no photos or drafted
 * figures, so the other checks do not apply.
 */
export async function annualReportChecklist(ctx: AppContext, actor: Actor, request: Pick<AnnualReportRequest, 'year' | 'yearKind'>) {
  const period = annualPeriod(request.year, request.yearKind);
  const today = parisDate(new Date());
  if (period.from > today) throw new AppError('report.period_not_started', { from: period.from });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    // A year still running is judged on its days so far.
    const coverage = await computeCoverage(trx, { from: period.from, to: period.to < today ? period.to : today });
    return { items: publishChecklist({ texts: [], photos: [], coverageShare: coverage.expectedDays > 0 ? coverage.share : null }) };
  });
}

export async function reportJob(db: Db, actor: Actor, id: string) {
  const job = await inOrganisation(db, actor.organisationId, (trx) => findReportJob(trx, id));
  if (!job) throw new AppError('report.not_found');
  return job;
}

export async function recentReportJobs(db: Db, actor: Actor) {
  return inOrganisation(db, actor.organisationId, (trx) => listReportJobs(trx, 20));
}

export async function reportFile(db: Db, storage: ObjectStorage, actor: Actor, id: string, file: ReportFile) {
  const job = await reportJob(db, actor, id);
  const stored = (job.files as Record<string, StoredFile>)[file];
  if (job.status !== 'done' || !stored) throw new AppError('report.not_ready');
  return { stored, body: await storage.get(stored.key) };
}

const MEDIA: Record<ReportFile, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf', zip: 'application/zip',
};

/** The job itself. Each step commits its progress in its own short transaction (the bar moves). */
export async function runAnnualReport(deps: { db: Db; readDb?: Db; storage: ObjectStorage }, data: JobData): Promise<void> {
  const { db, storage } = deps;
  const readDb = deps.readDb ?? db;
  const scoped = <T>(work: Parameters<typeof inOrganisation<T>>[2]) => inOrganisation(db, data.organisationId, work);
  const job = await scoped((trx) => findReportJob(trx, data.reportId));
  if (!job || job.status === 'done') return;
  try {
    const params = job.params as AnnualReportRequest & { locale: Locale };
    await scoped((trx) => updateProgress(trx, job.id, 5, 'data'));
    // The year's records are read on the read database (a replica when configured).
    const content = await inOrganisationReadOnly(readDb, data.organisationId, async (trx) => {
      const org = await trx.selectFrom('organisations').select('name').where('id', '=', data.organisationId).executeTakeFirstOrThrow();
      return gatherAnnualReport(trx, org.name, params, params.locale);
    });
    await scoped((trx) => updateProgress(trx, job.id, 30, 'charts'));
    const generatedAt = new Date();
    const charts = annualCharts(content);
    const zipEntries: Record<string, Uint8Array> = {};
    const svgs: Record<string, string> = {};
    for (const { name, spec } of charts) {
      const svg = await renderChartSvg(spec);
      svgs[name] = svg;
      zipEntries[`svg/${chartFileName(spec, 'svg')}`] = Buffer.from(svg);
      zipEntries[`png/${chartFileName(spec, 'png')}`] = await renderChartPng(svg, 1600);
      zipEntries[`csv/${chartFileName(spec, 'csv')}`] = Buffer.from(chartDataCsv(spec));
    }
    await scoped((trx) => updateProgress(trx, job.id, 60, 'workbook'));
    const xlsx = await annualReportXlsx(content, generatedAt);
    await scoped((trx) => updateProgress(trx, job.id, 75, 'pdf'));
    const pdf = annualReportPdf(content, svgs, generatedAt);
    await scoped((trx) => updateProgress(trx, job.id, 90, 'storing'));
    const zip = Buffer.from(zipSync(zipEntries, { level: 6, mtime: generatedAt }));
    const base = `${params.yearKind === 'calendar' ? 'rapport-annuel' : 'rapport-annuel-observatoire'}-${params.year}`;
    const outputs: Record<ReportFile, { bytes: Buffer; name: string }> = {
      xlsx: { bytes: xlsx, name: `${base}.xlsx` }, pdf: { bytes: pdf, name: `${base}.pdf` }, zip: { bytes: zip, name: `${base}-graphiques.zip` },
    };
    const files: Record<string, StoredFile> = {};
    for (const [kind, out] of Object.entries(outputs) as Array<[ReportFile, { bytes: Buffer; name: string }]>) {
      const key = `reports/${data.organisationId}/${job.id}/${out.name}`;
      await storage.put(key, Readable.from([out.bytes]), out.bytes.length);
      files[kind] = { key, name: out.name, size: out.bytes.length, mediaType: MEDIA[kind], sha256: createHash('sha256').update(out.bytes).digest('hex') };
    }
    await scoped((trx) => finishReportJob(trx, job.id, files));
  } catch (err) {
    // A failure the job cannot fix by retrying (bad data) ends the job; anything else is retried by pg-boss.
    const code = err instanceof AppError ? err.code : 'report.generation_failed';
    await scoped((trx) => failReportJob(trx, job.id, code));
    if (!(err instanceof AppError)) throw err;
  }
}

export function defineAnnualReportJob(queue: JobQueue, deps: { db: Db; readDb: Db; storage: ObjectStorage }): void {
  queue.define(ANNUAL_REPORT_JOB, (data) => runAnnualReport(deps, data as JobData));
}
