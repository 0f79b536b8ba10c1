import { createHash, randomUUID } from 'node:crypto';
import { purgeDueAt, type ApplicationStage, type ApplicationSubmit, type ApplicationView, type Locale } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { fileEncryptor } from '../../../platform/crypto/file-cipher.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { postingOpenForApplication } from '../postings/public-postings.service.js';
import * as q from './applications.queries.js';
import { detectCvType, MAX_CV_BYTES, UnsafeArchiveError, type CvType } from './cv-file.js';
import { sendRecruitmentMail } from './recruitment-mail.js';

export const EXTRACT_TEXT_JOB = 'recruitment.extract-text';

type Checked = { kind: 'cv' | 'letter'; name: string; bytes: Buffer; type: CvType };

/** Size and type by content, before anything is written: a refused file saves nothing. */
async function checkFile(kind: 'cv' | 'letter', file: { name: string; contentBase64: string }): Promise<Checked> {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (bytes.length > MAX_CV_BYTES) throw new AppError('application.file_too_large', { name: file.name });
  let type: CvType | null;
  try {
    type = await detectCvType(bytes);
  } catch (err) {
    if (err instanceof UnsafeArchiveError) throw new AppError('application.file_unsafe', { name: file.name });
    type = null; // a corrupt ZIP is simply not one of the accepted formats
  }
  if (!type) throw new AppError('application.file_type', { name: file.name });
  return { kind, name: file.name, bytes, type };
}

const RECEIPT = {
  fr: (title: string, org: string, merged: boolean) => ({
    subject: `Candidature reçue : ${title}`,
    text: `Bonjour,\n\n${org} a bien reçu votre candidature pour « ${title} ».${merged ? '\nVous aviez déjà postulé à cette offre : votre nouvel envoi a été joint à votre candidature (les fichiers ont été remplacés par les plus récents).' : ''}\n\nNous vous répondrons après l'examen des candidatures. Vos données ne servent qu'à ce recrutement ; si votre candidature n'est pas retenue, elles sont effacées au plus tard 24 mois après notre dernier échange, ou 3 mois après votre demande.\n`,
  }),
  en: (title: string, org: string, merged: boolean) => ({
    subject: `Application received: ${title}`,
    text: `Hello,\n\n${org} has received your application for "${title}".${merged ? '\nYou had already applied to this posting: your new submission was added to your application (files replaced by the latest ones).' : ''}\n\nWe will reply once applications have been reviewed. Your data is used for this recruitment only; if your application is not retained, it is erased at the latest 24 months after our last exchange, or 3 months after you ask.\n`,
  }),
};

export async function submitApplication(ctx: AppContext, slug: string, postingId: string, body: ApplicationSubmit, locale: Locale, ip: string) {
  const posting = await postingOpenForApplication(ctx, slug, postingId);
  const files = [await checkFile('cv', body.cv), ...(body.letter ? [await checkFile('letter', body.letter)] : [])];
  return inOrganisation(ctx.db, posting.organisationId, async (trx) => {
    const existing = await q.findApplicationByEmail(trx, postingId, body.email);
    const application = existing
      ? await q.mergeApplication(trx, existing.id, { name: body.name, message: body.message, kinds: files.map((f) => f.kind) })
      : await q.insertApplication(trx, { organisationId: posting.organisationId, postingId, name: body.name, email: body.email, message: body.message });
    for (const f of files) {
      const id = randomUUID();
      const { cipher, iv } = fileEncryptor(ctx.serverKey, id);
      const ciphertext = Buffer.concat([cipher.update(f.bytes), cipher.final()]);
      await q.insertFile(trx, {
        id, organisation_id: posting.organisationId, application_id: application.id, kind: f.kind, original_name: f.name, detected_type: f.type,
        size_bytes: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest('hex'), iv, tag: cipher.getAuthTag(), ciphertext,
      });
      await ctx.queue.enqueue(trx, EXTRACT_TEXT_JOB, { organisationId: posting.organisationId, fileId: id });
    }
    await sendRecruitmentMail(ctx, trx, { organisationId: posting.organisationId, to: body.email, ...RECEIPT[locale](posting.title, posting.organisationName, Boolean(existing)) });
    // The trail records that an application arrived, never who sent it.
    await recordAudit(trx, {
      organisationId: posting.organisationId, actorId: null, action: existing ? 'application.merged' : 'application.received',
      entityType: 'job_application', entityId: application.id, context: { ip, postingId, files: files.map((f) => f.type) },
    });
    return { merged: Boolean(existing) };
  });
}

async function present(trx: Parameters<typeof q.filesOf>[0], rows: Awaited<ReturnType<typeof q.listApplications>>): Promise<ApplicationView[]> {
  const ids = rows.map((r) => r.id);
  const [files, notes, ratings] = await Promise.all([q.filesOf(trx, ids), q.notesOf(trx, ids), q.ratingsOf(trx, ids)]);
  return rows.map((r) => {
    const own = ratings.filter((x) => x.application_id === r.id);
    return {
      id: r.id, postingId: r.posting_id, name: r.name, email: r.email, message: r.message, stage: r.stage as ApplicationStage, submissions: r.submissions,
      lastContactAt: r.last_contact_at.toISOString(), createdAt: r.created_at.toISOString(), erasureRequestedAt: r.erasure_requested_at?.toISOString() ?? null,
      files: files.filter((f) => f.application_id === r.id).map((f) => ({
        id: f.id, kind: f.kind as 'cv', originalName: f.original_name, detectedType: f.detected_type as CvType, sizeBytes: f.size_bytes,
        extractionStatus: f.extraction_status as 'done', extractionNote: f.extraction_note,
      })),
      notes: notes.filter((n) => n.application_id === r.id).map((n) => ({ id: n.id, author: n.display_name, body: n.body, createdAt: n.created_at.toISOString() })),
      ratings: own.map((x) => ({ reviewer: x.display_name, score: x.score })),
      averageRating: own.length ? Math.round((own.reduce((s, x) => s + x.score, 0) / own.length) * 10) / 10 : null,
    };
  });
}

/** Reading applications is a read of personal data: audited, with the search terms but no names. */
export async function listPostingApplications(ctx: AppContext, actor: Actor, postingId: string, search: string | undefined) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const rows = await q.listApplications(trx, postingId, search);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'application.list_read', entityType: 'job_posting', entityId: postingId,
      context: { count: rows.length, search: search ?? null },
    });
    return present(trx, rows);
  });
}

type Change = { stage: ApplicationStage } | { note: string } | { rating: number } | { erasureRequested: true };

export async function changeApplication(ctx: AppContext, actor: Actor, id: string, change: Change, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await q.findApplication(trx, id);
    if (!before) throw new AppError('application.not_found');
    let action: string;
    if ('stage' in change) { await q.setStage(trx, id, change.stage); action = 'application.stage_changed'; }
    else if ('note' in change) { await q.insertNote(trx, { organisationId: actor.organisationId, applicationId: id, authorId: actor.userId, body: change.note }); action = 'application.note_added'; }
    else if ('rating' in change) { await q.upsertRating(trx, { organisationId: actor.organisationId, applicationId: id, reviewerId: actor.userId, score: change.rating }); action = 'application.rated'; }
    else { await q.markErasureRequested(trx, id); action = 'application.erasure_requested'; }
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action, entityType: 'job_application', entityId: id,
      ...('stage' in change && { before: { stage: before.stage }, after: { stage: change.stage } }), context: { ip },
    });
    return (await present(trx, [(await q.findApplication(trx, id))!]))[0]!;
  });
}

/**
 * The retention purge: declined candidates whose delay is over are deleted with their files,
 * notes and ratings; the audit trail keeps that a purge happened and why, not the data.
 */
export async function purgeDeclinedApplications(db: Db, now = new Date()) {
  const candidates = await inSystemTransaction(db, (trx) => q.declinedApplications(trx));
  let purged = 0;
  for (const a of candidates) {
    const due = purgeDueAt({ stage: a.stage as ApplicationStage, lastContactAt: a.last_contact_at, erasureRequestedAt: a.erasure_requested_at });
    if (!due || due > now) continue;
    await inOrganisation(db, a.organisation_id, async (trx) => {
      await q.deleteApplication(trx, a.id);
      await recordAudit(trx, {
        organisationId: a.organisation_id, actorId: null, action: 'application.purged', entityType: 'job_application', entityId: a.id,
        context: { reason: a.erasure_requested_at ? 'erasure_request' : 'retention', dueAt: due.toISOString() },
      });
    });
    purged += 1;
  }
  return purged;
}

export const PURGE_JOB = 'recruitment.purge-declined';

export function defineRecruitmentJobs(queue: JobQueue, deps: { db: Db; serverKey: Buffer }) {
  queue.define(EXTRACT_TEXT_JOB, async (data) => {
    const { extractApplicationText } = await import('./extract-text.js');
    await extractApplicationText(deps, String(data.organisationId), String(data.fileId));
  });
  queue.defineScheduled(PURGE_JOB, { cron: '30 3 * * *', tz: 'Europe/Paris' }, async () => {
    await purgeDeclinedApplications(deps.db);
  });
}
