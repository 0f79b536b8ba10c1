import canonicalize from 'canonicalize';
import {
  BULLETIN_FORMATS, BULLETIN_LOCALES, citedFiguresOf, differencesBetween, monthBounds, parisDate, publishChecklist,
  type BulletinContent, type BulletinDraftEdit, type DraftedFigure, type BulletinFormat, type BulletinLocale, type BulletinPhotoSlot, type FigureSetEntry,
} from '@vigie/domain';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { AppContext } from '../../../platform/context.js';
import { sha256Hex } from '../../../platform/crypto/tokens.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { ObjectStorage } from '../../../platform/storage/object-storage.js';
import { citedFiguresNow } from '../statistics/figure-references.js';
import { computeCoverage } from '../statistics/statistics.service.js';
import { quotableText, quotableTexts } from '../../field/testimonies/testimonies.service.js';
import { checkFigureSet, computeContent, resolveFigureSet } from './bulletin-content.js';
import { readPhotos, renderBulletin } from './bulletin-exports.js';
import {
  areaFigureSet, areasWithFigureSets, bulletinQuotes, deleteBulletinQuote, insertBulletinQuote, candidatePhotos, corpsNames, fileHashes, findArea, findBulletin, findBulletinFor, findFile, insertBulletin,
  insertFiles, listBulletins, organisationName, publishablePhotos, photosAwaitingCopy, saveFigureSet, setDraftedFigures, updateDraft, countPublishedBetween
} from './bulletins.queries.js';
import type { BulletinRow } from './bulletins.table.js';

/**
 * Monthly bulletins: a draft per area and month, edited by the comms pole, computed from
 * verified records each time it is read; publishing freezes its content (snapshot + SHA-256
 * of the canonical JSON) and its files (PDF, HTML, Markdown, each hashed), and the database
 * refuses any later change. A correction of the data after that shows as a difference.
 */

const slotsOf = (row: BulletinRow) => row.photos as BulletinPhotoSlot[];

type TestimonyQuoteView = { id: string; testimonyId: string; text: string | null; consented: boolean; insertedAt: string };

/**
 * The bulletin's testimony quotes as they stand now: each goes through the testimonies' consent
 * check, so a withdrawal empties its text (and flags it) in every draft at once.
 */
async function testimonyQuotesNow(ctx: AppContext, trx: Trx, id: string): Promise<TestimonyQuoteView[]> {
  const rows = await bulletinQuotes(trx, id);
  const texts = await quotableTexts(ctx, trx, rows.map((q) => q.testimony_id));
  return rows.map((q) => {
    const text = texts.get(q.testimony_id) ?? null;
    return { id: q.id, testimonyId: q.testimony_id, text, consented: text !== null, insertedAt: q.inserted_at.toISOString() };
  });
}

/** Refuses publication while a quote's person does not (or no longer) agree to be quoted, naming the quote by its position. */
function refuseQuotesWithoutConsent(quotes: TestimonyQuoteView[]) {
  const refused = quotes.findIndex((q) => !q.consented);
  if (refused >= 0) throw new AppError('bulletin.quote_without_consent', { quote: refused + 1, testimonyId: quotes[refused]!.testimonyId });
}

async function contentOfDraft(ctx: AppContext, trx: Trx, organisationId: string, row: BulletinRow): Promise<BulletinContent> {
  const quotes = (await testimonyQuotesNow(ctx, trx, row.id)).flatMap((q) => (q.text !== null ? [q.text] : []));
  return { ...(await computedContent(trx, organisationId, row)), ...(quotes.length > 0 && { quotes }) };
}

async function computedContent(trx: Trx, organisationId: string, row: BulletinRow): Promise<BulletinContent> {
  const area = await findArea(trx, row.area_id);
  if (!area) throw new AppError('bulletin.not_found');
  return computeContent(trx, {
    organisationName: await organisationName(trx, organisationId),
    area, month: row.month, figureSet: row.figures as FigureSetEntry[],
    headline: { fr: row.headline_fr, en: row.headline_en },
    context: { fr: row.context_fr as string[], en: row.context_en as string[] },
    photos: slotsOf(row),
  });
}

async function visibleBulletin(trx: Trx, id: string): Promise<BulletinRow> {
  const row = await findBulletin(trx, id);
  // Another organisation's bulletin is hidden by row-level security: it does not exist here.
  if (!row) throw new AppError('bulletin.not_found');
  return row;
}

/** The bulletin with what it says: live figures for a draft, the frozen snapshot once published. */
async function bulletinView(ctx: AppContext, trx: Trx, organisationId: string, row: BulletinRow) {
  const area = (await findArea(trx, row.area_id))!;
  const content = row.status === 'published' ? (row.snapshot as BulletinContent) : await contentOfDraft(ctx, trx, organisationId, row);
  const files = row.status === 'published' ? await fileHashes(trx, row.id) : [];
  // A published bulletin says what it quoted in its snapshot; the live check is for drafts.
  const testimonyQuotes = row.status === 'published' ? [] : await testimonyQuotesNow(ctx, trx, row.id);
  return { row, area, content, files, testimonyQuotes };
}
export type BulletinView = Awaited<ReturnType<typeof bulletinView>>;

/** The view of a draft just created or saved, keeping the figures it cites as the person sees them now. */
async function savedDraftView(ctx: AppContext, trx: Trx, organisationId: string, row: BulletinRow) {
  const view = await bulletinView(ctx, trx, organisationId, row);
  await setDraftedFigures(trx, row.id, citedFiguresOf(view.content));
  return view;
}

export async function listAll(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const areas = (await areasWithFigureSets(trx)).map((a) => {
      const source = a.own ? 'area' as const : a.fallback ? 'default' as const : null;
      return { id: a.id, code: a.code, name: a.name, active: a.active, figureSet: (a.own ?? a.fallback ?? null) as FigureSetEntry[] | null, figureSetSource: source };
    });
    return { bulletins: await listBulletins(trx), areas };
  });
}

export async function createBulletin(ctx: AppContext, actor: Actor, input: { areaId: string; month: string }) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await areaFigureSet(trx, input.areaId);
    if (!area) throw new AppError('bulletin.unknown_area');
    const existing = await findBulletinFor(trx, area.id, input.month);
    if (existing) return { created: false, view: await bulletinView(ctx, trx, actor.organisationId, existing) };
    const figures = resolveFigureSet(area);
    const row = await insertBulletin(trx, {
      organisation_id: actor.organisationId, area_id: area.id, month: input.month, figures: JSON.stringify(figures),
      created_by: actor.userId, updated_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'bulletin.created', entityType: 'bulletin', entityId: row.id,
      after: { areaCode: area.code, month: input.month, figures },
    });
    return { created: true, view: await savedDraftView(ctx, trx, actor.organisationId, row) };
  });
}

export async function getBulletin(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => bulletinView(ctx, trx, actor.organisationId, await visibleBulletin(trx, id)));
}

async function checkPhotos(trx: Trx, slots: BulletinPhotoSlot[]) {
  const ids = [...new Set(slots.map((s) => s.evidenceId))];
  const found = new Set((await publishablePhotos(trx, ids)).map((p) => p.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) await refusePhoto(trx, missing);
}

/** A photo not usable yet says so (its copy is being made), apart from one that never will be. */
async function refusePhoto(trx: Trx, evidenceId: string): Promise<never> {
  if ((await photosAwaitingCopy(trx, [evidenceId])).length > 0) throw new AppError('evidence.public_copy_pending');
  throw new AppError('bulletin.photo_not_publishable', { evidenceId });
}

export async function editDraft(ctx: AppContext, actor: Actor, id: string, edit: BulletinDraftEdit) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await visibleBulletin(trx, id);
    if (row.status === 'published') throw new AppError('bulletin.published');
    if (row.version !== edit.version) throw new AppError('bulletin.version_conflict', { currentVersion: row.version });
    const figures = edit.figures ? checkFigureSet(edit.figures) : (row.figures as FigureSetEntry[]);
    if (edit.figures) await checkFigureSetForces(trx, figures);
    await checkPhotos(trx, edit.photos);
    const updated = await updateDraft(trx, id, edit.version, {
      headline_fr: edit.headline.fr, headline_en: edit.headline.en,
      context_fr: JSON.stringify(edit.context.fr), context_en: JSON.stringify(edit.context.en),
      photos: JSON.stringify(edit.photos), figures: JSON.stringify(figures), updated_by: actor.userId,
    });
    if (!updated) throw new AppError('bulletin.version_conflict', { currentVersion: row.version });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'bulletin.updated', entityType: 'bulletin', entityId: id,
      before: { headline: { fr: row.headline_fr, en: row.headline_en }, context: { fr: row.context_fr, en: row.context_en }, photos: row.photos, figures: row.figures },
      after: { headline: edit.headline, context: edit.context, photos: edit.photos, figures },
      context: { version: updated.version },
    });
    return savedDraftView(ctx, trx, actor.organisationId, updated);
  });
}

/** The photo bytes of a content, in slot order, read from the publication copies. */
async function photoBytes(trx: Trx, storage: ObjectStorage, content: BulletinContent): Promise<Buffer[]> {
  const rows = new Map((await publishablePhotos(trx, content.photos.map((p) => p.evidenceId))).map((r) => [r.id, r]));
  const absent = content.photos.find((p) => !rows.has(p.evidenceId));
  if (absent) await refusePhoto(trx, absent.evidenceId);
  return readPhotos(storage, content.photos.map((p) => ({ key: rows.get(p.evidenceId)!.public_copy_key!, sha256: p.sha256 })));
}

export async function publishBulletin(ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string, version: number) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await visibleBulletin(trx, id);
    if (row.status === 'published') throw new AppError('bulletin.published');
    if (row.version !== version) throw new AppError('bulletin.version_conflict', { currentVersion: row.version });
    refuseQuotesWithoutConsent(await testimonyQuotesNow(ctx, trx, id));
    const content = await contentOfDraft(ctx, trx, actor.organisationId, row);
    const snapshotSha256 = sha256Hex(canonicalize(content)!);
    const now = new Date();
    const publication = { publishedOn: parisDate(now) };
    const photos = await photoBytes(trx, storage, content);
    const files = BULLETIN_LOCALES.flatMap((locale) => BULLETIN_FORMATS.map((format) => {
      const bytes = renderBulletin(content, locale, format, photos, publication);
      return { bulletin_id: id, organisation_id: actor.organisationId, locale, format, content: bytes, sha256: sha256Hex(bytes) };
    }));
    await insertFiles(trx, files);
    const published = await updateDraft(trx, id, version, {
      status: 'published', snapshot: JSON.stringify(content), snapshot_sha256: snapshotSha256, published_at: now, published_by: actor.userId,
      updated_by: actor.userId,
    });
    if (!published) throw new AppError('bulletin.version_conflict', { currentVersion: row.version });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'bulletin.published', entityType: 'bulletin', entityId: id,
      after: { snapshotSha256, files: files.map((f) => ({ locale: f.locale, format: f.format, sha256: f.sha256 })) },
    });
    return bulletinView(ctx, trx, actor.organisationId, published);
  });
}

/**
 * The publish checklist of a draft: texts missing in one language, photos without credit or
 * caption, a month observed on too few days, and each cited figure whose value changed since the
 * draft was last saved (old → new, recomputed by the figure-reference service). Publishing stays
 * the person's choice.
 */
export async function bulletinChecklist(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await visibleBulletin(trx, id);
    if (row.status === 'published') throw new AppError('bulletin.published');
    const area = await findArea(trx, row.area_id);
    if (!area) throw new AppError('bulletin.not_found');
    const context = { fr: row.context_fr as string[], en: row.context_en as string[] };
    const coverage = await computeCoverage(trx, { ...monthBounds(row.month), areaCode: area.code });
    const drafted = row.drafted_figures as DraftedFigure[];
    const citedFigures = await citedFiguresNow(trx, drafted.map((d) => ({ ...d, was: { value: d.value, atLeast: d.atLeast, ...(d.unobserved ? { unobserved: true } : {}) } })));
    return {
      items: publishChecklist({
        texts: [
          { part: 'headline', fr: row.headline_fr, en: row.headline_en },
          { part: 'context', fr: context.fr.join('\n'), en: context.en.join('\n') },
        ],
        photos: slotsOf(row),
        coverageShare: coverage.expectedDays > 0 ? coverage.share : null,
        citedFigures,
        testimonyQuotes: (await testimonyQuotesNow(ctx, trx, id)).map((q, i) => ({ quote: i + 1, consented: q.consented })),
      }),
    };
  });
}

/** A published bulletin's stored bytes, or a draft rendered now from the current data. */
export async function exportBulletin(ctx: AppContext, storage: ObjectStorage, actor: Actor, id: string, locale: BulletinLocale, format: BulletinFormat) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await visibleBulletin(trx, id);
    if (row.status === 'published') {
      const file = await findFile(trx, id, locale, format);
      if (!file) throw new AppError('bulletin.not_found');
      return { content: row.snapshot as BulletinContent, bytes: file.content, sha256: file.sha256 };
    }
    const content = await contentOfDraft(ctx, trx, actor.organisationId, row);
    const bytes = renderBulletin(content, locale, format, await photoBytes(trx, storage, content), null);
    return { content, bytes, sha256: sha256Hex(bytes) };
  });
}

/** Published vs current, figure by figure and fact by fact. Nothing published is ever changed. */
export async function bulletinDifferences(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await visibleBulletin(trx, id);
    if (row.status !== 'published') throw new AppError('bulletin.not_published');
    const published = row.snapshot as BulletinContent;
    const current = await contentOfDraft(ctx, trx, actor.organisationId, row);
    return { publishedAt: row.published_at!, snapshotSha256: row.snapshot_sha256!, ...differencesBetween(published, current) };
  });
}

/** The comms pole saw the differences: the audit trail keeps what they saw and when. */
export async function reviewDifferences(ctx: AppContext, actor: Actor, id: string) {
  const result = await bulletinDifferences(ctx, actor, id);
  await inOrganisation(ctx.db, actor.organisationId, (trx) => recordAudit(trx, {
    organisationId: actor.organisationId, actorId: actor.userId, action: 'bulletin.differences_reviewed', entityType: 'bulletin', entityId: id,
    after: { figures: result.figures, facts: result.facts },
  }));
  return result;
}

async function draftChange(ctx: AppContext, actor: Actor, id: string, action: string, work: (trx: Trx) => Promise<Record<string, unknown>>) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await visibleBulletin(trx, id);
    if (row.status === 'published') throw new AppError('bulletin.published');
    const after = await work(trx);
    await recordAudit(trx, { organisationId: actor.organisationId, actorId: actor.userId, action, entityType: 'bulletin', entityId: id, after });
    return bulletinView(ctx, trx, actor.organisationId, row);
  });
}

/** A testimony quote enters a draft only through the consent check (refused with testimony.not_quotable otherwise). */
export async function insertTestimonyQuote(ctx: AppContext, actor: Actor, id: string, testimonyId: string) {
  return draftChange(ctx, actor, id, 'bulletin.quote_inserted', async (trx) => {
    await quotableText(ctx, trx, testimonyId);
    await insertBulletinQuote(trx, { organisationId: actor.organisationId, bulletinId: id, testimonyId, insertedBy: actor.userId });
    return { testimonyId };
  });
}

export async function removeTestimonyQuote(ctx: AppContext, actor: Actor, id: string, quoteId: string) {
  return draftChange(ctx, actor, id, 'bulletin.quote_removed', async (trx) => {
    if (!(await deleteBulletinQuote(trx, id, quoteId))) throw new AppError('bulletin.not_found');
    return { quoteId };
  });
}

/** A forces line names corps of this organisation's list. */
async function checkFigureSetForces(trx: Trx, figures: FigureSetEntry[]) {
  const known = new Set((await corpsNames(trx)).map((c) => c.code));
  for (const e of figures) {
    const unknown = [...(e.forces?.present ?? []), ...(e.forces?.absent ?? [])].find((c) => !known.has(c));
    if (unknown) throw new AppError('statistics.unknown_force', { force: unknown });
  }
}

export async function configureFigureSet(ctx: AppContext, actor: Actor, areaId: string, raw: unknown) {
  const figures = checkFigureSet(raw);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await areaFigureSet(trx, areaId);
    if (!area) throw new AppError('bulletin.unknown_area');
    await checkFigureSetForces(trx, figures);
    await saveFigureSet(trx, { areaId, organisationId: actor.organisationId, figures, userId: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'bulletin.figure_set_changed', entityType: 'area', entityId: areaId,
      before: area.own ?? null, after: figures,
    });
    return { areaId, figures };
  });
}

/**
 * The bulletin of an area and month as a figure set would make it, saving nothing: the live
 * preview of the figure set editor. Bad input is refused with the same messages as saving.
 */
export async function previewFigureSet(ctx: AppContext, actor: Actor, areaId: string, month: string, raw: unknown) {
  const figures = checkFigureSet(raw);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const area = await findArea(trx, areaId);
    if (!area) throw new AppError('bulletin.unknown_area');
    await checkFigureSetForces(trx, figures);
    const content = await computeContent(trx, {
      organisationName: await organisationName(trx, actor.organisationId), area, month, figureSet: figures,
      headline: { fr: '', en: '' }, context: { fr: [], en: [] }, photos: [],
    });
    return { figures, content };
  });
}

/** Photos of the bulletin's area and month that have a publication copy, to pick from. */
export async function photoCandidates(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await visibleBulletin(trx, id);
    const { from, to } = monthBounds(row.month);
    return candidatePhotos(trx, row.area_id, from, to);
  });
}

/** How many bulletins were published between two Paris days, both included (a funder indicator's actual). */
export async function bulletinsPublishedBetween(trx: Trx, from: string, to: string): Promise<number> {
  return countPublishedBetween(trx, from, to);
}
