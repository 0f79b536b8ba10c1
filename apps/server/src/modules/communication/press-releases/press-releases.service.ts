import { createHash } from 'node:crypto';
import { publishChecklist, pressReleaseText, releaseWordingLocale, type PressReleaseLanguage, type FigureReferenceInput, type PressReleaseInput, type PressReleaseSummaryView, type PressReleaseView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { computeCoverage } from '../statistics/statistics.service.js';
import { mailableAudience } from '../contacts/contact-lists.js';
import { queueMailing } from '../mailings/mail-pipeline.js';
import { citedFiguresNow, computeReference, type StoredFigureReference } from '../statistics/figure-references.js';
import { quotableText, quotableTexts } from '../../field/testimonies/testimonies.service.js';
import {
  countSentBetween, deleteReleaseQuote, findRelease, insertReleaseQuote, listReleases, releaseCorrections, releaseFigures, releaseQuotes, type ReleaseRow,
} from './press-releases.queries.js';

type FigureRow = Awaited<ReturnType<typeof releaseFigures>>[number];
const referenceInput = (f: FigureRow): FigureReferenceInput => ({
  metric: f.metric, from: f.period_from, to: f.period_to, ...(f.area_code && { areaCode: f.area_code }), ...(f.filters.forceCorps && { forceCorps: f.filters.forceCorps }),
});
const storedReference = (f: FigureRow): StoredFigureReference => ({
  metric: f.metric, from: f.period_from, to: f.period_to, areaCode: f.area_code, filters: f.filters.forceCorps ? { forceCorps: f.filters.forceCorps } : {},
});

/**
 * Press releases from draft to archive. Editing is for drafts only; review asks a second
 * person; approval re-computes every cited figure and is refused while one has changed;
 * sending freezes the text (snapshot + SHA-256), queues one mail per recipient through the
 * pipeline, and the release appears publicly once its embargo has passed.
 */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function embargoLabel(at: Date | null, language: 'fr' | 'en') {
  if (!at) return null;
  return at.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' }) + (language === 'fr' ? ' (heure de Paris)' : ' (Paris time)');
}

/**
 * The release's testimony quotes as they stand now: each goes through the testimonies' consent
 * check, so a withdrawal empties its text (and flags it) in every draft at once.
 */
async function testimonyQuotesNow(trx: Trx, ctx: AppContext, id: string): Promise<PressReleaseView['testimonyQuotes']> {
  const rows = await releaseQuotes(trx, id);
  const texts = await quotableTexts(ctx, trx, rows.map((q) => q.testimony_id));
  return rows.map((q) => {
    const text = texts.get(q.testimony_id) ?? null;
    return { id: q.id, testimonyId: q.testimony_id, text, consented: text !== null, insertedAt: q.inserted_at.toISOString() };
  });
}

/** Refuses approval and sending while a quote's person does not (or no longer) agree to be quoted, naming the quote by its position. */
function refuseQuotesWithoutConsent(quotes: PressReleaseView['testimonyQuotes']) {
  const refused = quotes.findIndex((q) => !q.consented);
  if (refused >= 0) throw new AppError('press_release.quote_without_consent', { quote: refused + 1, testimonyId: quotes[refused]!.testimonyId });
}

export async function loadRelease(trx: Trx, ctx: AppContext, id: string, slug?: string | null): Promise<PressReleaseView> {
  const r = await findRelease(trx, id);
  if (!r) throw new AppError('press_release.not_found');
  const orgSlug = slug ?? (await trx.selectFrom('organisations').select('slug').where('id', '=', r.organisation_id).executeTakeFirst())?.slug ?? null;
  return {
    id: r.id, title: r.title, language: r.language as PressReleaseLanguage, status: r.status as PressReleaseView['status'], embargoUntil: iso(r.embargo_until),
    sentAt: iso(r.sent_at), updatedAt: r.updated_at.toISOString(), lede: r.lede, body: r.body, quotes: r.quotes, pressContacts: r.press_contacts,
    createdByName: r.created_by_name, submittedByName: r.submitted_by_name, approvedByName: r.approved_by_name, approvedAt: iso(r.approved_at),
    createdById: r.created_by, listId: r.list_id, mailingId: r.mailing_id, snapshotSha256: r.snapshot_sha256,
    figures: (await releaseFigures(trx, id)).map((f) => ({
      id: f.id, metric: f.metric, from: f.period_from, to: f.period_to, areaCode: f.area_code, filters: f.filters, value: f.value,
      atLeast: f.at_least, wording: f.wording, insertedAt: f.inserted_at.toISOString(),
    })),
    testimonyQuotes: await testimonyQuotesNow(trx, ctx, id),
    corrections: (await releaseCorrections(trx, id)).map((c) => ({ id: c.id, text: c.text, createdAt: c.created_at.toISOString() })),
    publicUrl: r.status === 'sent' && orgSlug ? `${ctx.config.publicUrl}/api/public/${orgSlug}/press-releases/${r.id}` : null,
  };
}

function checkEmbargo(embargoUntil: string | null | undefined) {
  if (embargoUntil && new Date(embargoUntil).getTime() <= Date.now()) throw new AppError('press_release.embargo_past');
}

async function change(ctx: AppContext, actor: Actor, id: string, action: string, ip: string,
  work: (trx: Trx, r: ReleaseRow) => Promise<Record<string, unknown> | void>) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await findRelease(trx, id, true);
    if (!r) throw new AppError('press_release.not_found');
    const detail = await work(trx, r);
    await trx.updateTable('press_releases').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action, entityType: 'press_release', entityId: id, after: detail ?? null, context: { ip },
    });
    return loadRelease(trx, ctx, id);
  });
}

const mustBe = (r: ReleaseRow, ...statuses: string[]) => {
  if (!statuses.includes(r.status)) throw new AppError('press_release.wrong_status', { status: r.status });
};

export async function createRelease(ctx: AppContext, actor: Actor, input: PressReleaseInput, ip: string) {
  checkEmbargo(input.embargoUntil);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await trx.insertInto('press_releases').values({
      organisation_id: actor.organisationId, language: input.language, title: input.title, lede: input.lede ?? null, body: input.body,
      quotes: input.quotes ?? null, press_contacts: input.pressContacts ?? null, embargo_until: input.embargoUntil ?? null, created_by: actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'press_release.created', entityType: 'press_release', entityId: row.id, context: { ip },
    });
    return loadRelease(trx, ctx, row.id);
  });
}

export async function listPressReleases(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => releaseSummaries(trx));
}

/** Summaries inside the caller's organisation transaction (campaigns link releases by id): all, or those ids. */
export async function releaseSummaries(trx: Trx, ids?: string[]): Promise<PressReleaseSummaryView[]> {
  if (ids && ids.length === 0) return [];
  return (await listReleases(trx, ids)).map((r) => ({
    id: r.id, title: r.title, language: r.language as PressReleaseLanguage, status: r.status as PressReleaseView['status'], embargoUntil: iso(r.embargo_until),
    sentAt: iso(r.sent_at), updatedAt: r.updated_at.toISOString(),
  }));
}

export async function readRelease(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => loadRelease(trx, ctx, id));
}

export async function editRelease(ctx: AppContext, actor: Actor, id: string, input: PressReleaseInput, ip: string) {
  checkEmbargo(input.embargoUntil);
  return change(ctx, actor, id, 'press_release.edited', ip, async (trx, r) => {
    if (r.status !== 'draft') throw new AppError('press_release.not_editable');
    await trx.updateTable('press_releases').set({
      language: input.language, title: input.title, lede: input.lede ?? null, body: input.body, quotes: input.quotes ?? null,
      press_contacts: input.pressContacts ?? null, embargo_until: input.embargoUntil ?? null,
    }).where('id', '=', id).execute();
  });
}

export async function insertFigure(ctx: AppContext, actor: Actor, id: string, ref: FigureReferenceInput, ip: string) {
  return change(ctx, actor, id, 'press_release.figure_inserted', ip, async (trx, r) => {
    if (r.status !== 'draft') throw new AppError('press_release.not_editable');
    const computed = await computeReference(trx, ref, releaseWordingLocale(r.language));
    await trx.insertInto('press_release_figures').values({
      organisation_id: actor.organisationId, release_id: id, metric: ref.metric, period_from: ref.from, period_to: ref.to,
      area_code: ref.areaCode ?? null, filters: JSON.stringify(ref.forceCorps ? { forceCorps: ref.forceCorps } : {}),
      value: computed.value, at_least: computed.atLeast, wording: computed.wording, inserted_by: actor.userId,
    }).execute();
    return { metric: ref.metric, value: computed.value };
  });
}

export async function removeFigure(ctx: AppContext, actor: Actor, id: string, figureId: string, ip: string) {
  return change(ctx, actor, id, 'press_release.figure_removed', ip, async (trx, r) => {
    if (r.status !== 'draft') throw new AppError('press_release.not_editable');
    await trx.deleteFrom('press_release_figures').where('release_id', '=', id).where('id', '=', figureId).execute();
  });
}

/** A testimony quote enters a draft only through the consent check (refused with testimony.not_quotable otherwise). */
export async function insertTestimonyQuote(ctx: AppContext, actor: Actor, id: string, testimonyId: string, ip: string) {
  return change(ctx, actor, id, 'press_release.quote_inserted', ip, async (trx, r) => {
    if (r.status !== 'draft') throw new AppError('press_release.not_editable');
    await quotableText(ctx, trx, testimonyId);
    await insertReleaseQuote(trx, { organisationId: actor.organisationId, releaseId: id, testimonyId, insertedBy: actor.userId });
    return { testimonyId };
  });
}

export async function removeTestimonyQuote(ctx: AppContext, actor: Actor, id: string, quoteId: string, ip: string) {
  return change(ctx, actor, id, 'press_release.quote_removed', ip, async (trx, r) => {
    if (r.status !== 'draft') throw new AppError('press_release.not_editable');
    if (!(await deleteReleaseQuote(trx, id, quoteId))) throw new AppError('press_release.not_found');
    return { quoteId };
  });
}

export async function submitRelease(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return change(ctx, actor, id, 'press_release.submitted', ip, async (trx, r) => {
    mustBe(r, 'draft');
    await trx.updateTable('press_releases').set({ status: 'in_review', submitted_by: actor.userId }).where('id', '=', id).execute();
  });
}

/** Back to draft from review or approval (to edit, or to refresh a changed figure). */
export async function reopenRelease(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return change(ctx, actor, id, 'press_release.reopened', ip, async (trx, r) => {
    mustBe(r, 'in_review', 'approved');
    await trx.updateTable('press_releases').set({ status: 'draft', approved_by: null, approved_at: null }).where('id', '=', id).execute();
  });
}

/** Replaces a figure reference by its current value (after the statistics changed). */
export async function refreshFigure(ctx: AppContext, actor: Actor, id: string, figureId: string, ip: string) {
  return change(ctx, actor, id, 'press_release.figure_refreshed', ip, async (trx, r) => {
    if (r.status !== 'draft') throw new AppError('press_release.not_editable');
    const f = (await releaseFigures(trx, id)).find((x) => x.id === figureId);
    if (!f) throw new AppError('press_release.not_found');
    const now = await computeReference(trx, referenceInput(f), releaseWordingLocale(r.language));
    await trx.updateTable('press_release_figures').set({ value: now.value, at_least: now.atLeast, wording: now.wording, inserted_at: new Date(), inserted_by: actor.userId })
      .where('id', '=', figureId).execute();
    return { figureId, was: f.wording, now: now.wording };
  });
}

export async function approveRelease(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return change(ctx, actor, id, 'press_release.approved', ip, async (trx, r) => {
    mustBe(r, 'in_review');
    if (r.created_by === actor.userId) throw new AppError('press_release.self_approval');
    if (r.embargo_until && r.embargo_until.getTime() <= Date.now()) throw new AppError('press_release.embargo_past');
    refuseQuotesWithoutConsent(await testimonyQuotesNow(trx, ctx, id));
    for (const f of await releaseFigures(trx, id)) {
      const now = await computeReference(trx, referenceInput(f), releaseWordingLocale(r.language));
      if (now.value !== f.value || now.atLeast !== f.at_least) {
        throw new AppError('press_release.figure_changed', { figure: f.wording, now: now.wording, figureId: f.id, was: f.value, is: now.value });
      }
    }
    await trx.updateTable('press_releases').set({ status: 'approved', approved_by: actor.userId, approved_at: new Date() }).where('id', '=', id).execute();
  });
}

/**
 * The publish checklist before approval and before sending: each cited figure as inserted and as
 * the statistics count it now (old → new), and the observation coverage of the least covered
 * period cited. A release is written in one language and has no photos, so neither check applies.
 */
export async function pressReleaseChecklist(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await findRelease(trx, id);
    if (!r) throw new AppError('press_release.not_found');
    const figures = await releaseFigures(trx, id);
    // A release keeps each figure's value and minimum, not whether it was observed: compared on those, as approval does.
    const citedFigures = (await citedFiguresNow(trx, figures.map((f) => ({ ...storedReference(f), was: { value: f.value, atLeast: f.at_least } }))))
      .map((c) => ({ ...c, now: { value: c.now.value, atLeast: c.now.atLeast } }));
    let coverageShare: number | null = null;
    const periods = new Map(figures.map((f) => [`${f.period_from}/${f.period_to}/${f.area_code ?? ''}`, f]));
    for (const f of periods.values()) {
      const c = await computeCoverage(trx, { from: f.period_from, to: f.period_to, ...(f.area_code && { areaCode: f.area_code }) });
      // A period without any expected day (no rota) says nothing about coverage.
      if (c.expectedDays > 0) coverageShare = Math.min(coverageShare ?? 1, c.share);
    }
    const testimonyQuotes = (await testimonyQuotesNow(trx, ctx, id)).map((q, i) => ({ quote: i + 1, consented: q.consented }));
    return { items: publishChecklist({ texts: [], photos: [], coverageShare, citedFigures, testimonyQuotes }) };
  });
}

/** Sends the approved release to a press list: frozen, one mail per recipient, never twice. */
export async function sendRelease(ctx: AppContext, actor: Actor, id: string, listId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await findRelease(trx, id, true);
    if (!r) throw new AppError('press_release.not_found');
    // A second click finds it sent: nothing more is queued.
    if (r.status === 'sent') return loadRelease(trx, ctx, id);
    mustBe(r, 'approved');
    const { mailable } = await mailableAudience(trx, listId);
    if (mailable.length === 0) throw new AppError('mailing.no_recipients');
    const view = await loadRelease(trx, ctx, id);
    // A withdrawal between approval and sending still stops it.
    refuseQuotesWithoutConsent(view.testimonyQuotes);
    const language = r.language as PressReleaseLanguage;
    const label = r.embargo_until && r.embargo_until.getTime() > Date.now() ? embargoLabel(r.embargo_until, releaseWordingLocale(language)) : null;
    const text = pressReleaseText({ ...view, language, embargoLabel: label });
    const snapshot = {
      title: r.title, lede: r.lede, body: r.body, quotes: r.quotes, pressContacts: r.press_contacts, language, embargoUntil: iso(r.embargo_until), figures: view.figures,
      ...(view.testimonyQuotes.length > 0 && { testimonyQuotes: view.testimonyQuotes.map((q) => q.text) }), text,
    };
    const sha = createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
    const subject = label ? `${language === 'fr' ? `EMBARGO jusqu'au ${label}` : `EMBARGOED until ${label}`} — ${r.title}` : r.title;
    const queued = await queueMailing(trx, ctx.queue, {
      organisationId: actor.organisationId, purpose: 'press_release', sourceId: id, listId, subject, bodyText: text, bulk: true,
      createdBy: actor.userId, recipients: mailable.map((m) => ({ contactId: m.contactId, email: m.email })),
    });
    await trx.updateTable('press_releases').set({
      status: 'sent', sent_at: new Date(), list_id: listId, mailing_id: queued.mailingId, snapshot: JSON.stringify(snapshot) as unknown as Record<string, unknown>, snapshot_sha256: sha, updated_at: new Date(),
    }).where('id', '=', id).execute();
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'press_release.sent', entityType: 'press_release', entityId: id,
      after: { listId, recipients: queued.queued, sha256: sha }, context: { ip },
    });
    return loadRelease(trx, ctx, id);
  });
}

export async function correctRelease(ctx: AppContext, actor: Actor, id: string, text: string, ip: string) {
  return change(ctx, actor, id, 'press_release.corrected', ip, async (trx, r) => {
    mustBe(r, 'sent');
    await trx.insertInto('press_release_corrections').values({ organisation_id: actor.organisationId, release_id: id, text, created_by: actor.userId }).execute();
  });
}

/** How many press releases were sent between two Paris days, both included (a funder indicator's actual). */
export async function releasesSentBetween(trx: Trx, from: string, to: string): Promise<number> {
  return countSentBetween(trx, from, to);
}
