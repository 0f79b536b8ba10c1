import {
  blockInputOf, newsletterText, parisDate, publishChecklist, type NewsletterBlockInput, type NewsletterBlockView, type NewsletterIssueInput, type NewsletterIssueView,
  type NewsletterSettingsView,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { mailableAudience } from '../contacts/contact-lists.js';
import { queueMailing } from '../mailings/mail-pipeline.js';
import { quotableText } from '../../field/testimonies/testimonies.service.js';
import { resolveBlocks } from './newsletter-blocks.js';
import { archiveUrls } from './newsletter-links.js';
import {
  findIssue, findSettings, insertIssue, listIssues, markSent, organisationById, publicationPhotos, saveSettings, updateDraft, type IssueRow, countSubscribersOn
} from './newsletters.queries.js';

/**
 * Newsletter issues from draft to sent. A draft's blocks are resolved each time it is read (the
 * figures as they are now); sending resolves them once more, freezes them (the archive shows what
 * was mailed), and queues one mail per subscriber through the one pipeline. A second click finds
 * the issue sent and queues nothing; the pipeline's one-mailing-per-source index backs that up.
 */
type Snapshot = { title: string; language: 'fr' | 'en'; blocks: NewsletterBlockView[]; text: string };
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The quote blocks of resolved blocks, numbered in reading order (the checklist's and the refusal's "quote 2"). */
const quoteBlocks = (blocks: NewsletterBlockView[]) =>
  blocks.flatMap((b) => (b.kind === 'quote' ? [b] : [])).map((q, i) => ({ quote: i + 1, testimonyId: q.testimonyId, consented: q.consented }));

/**
 * A quote newly put in a draft must pass the consent check (testimony.not_quotable otherwise);
 * one already there whose person withdrew since stays, emptied, until removed — the checklist
 * names it and sending is refused.
 */
async function checkNewQuotes(ctx: AppContext, trx: Trx, before: NewsletterBlockInput[], after: NewsletterBlockInput[]) {
  const had = new Set(before.flatMap((b) => (b.kind === 'quote' ? [b.testimonyId] : [])));
  for (const b of after) if (b.kind === 'quote' && !had.has(b.testimonyId)) await quotableText(ctx, trx, b.testimonyId);
}

async function issueView(trx: Trx, ctx: AppContext, r: IssueRow): Promise<NewsletterIssueView> {
  const language = r.language as 'fr' | 'en';
  const blocks = r.status === 'sent' ? (r.snapshot as Snapshot).blocks : await resolveBlocks(ctx, trx, r.blocks as NewsletterBlockInput[], language);
  const links = r.status === 'sent' ? await archiveUrls(trx, ctx, r.organisation_id) : null;
  return {
    id: r.id, title: r.title, language, status: r.status as 'draft', sentAt: iso(r.sent_at), updatedAt: r.updated_at.toISOString(), blocks,
    listId: r.list_id, mailingId: r.mailing_id, publicUrl: links ? links.issue(r.id) : null,
  };
}

async function visibleIssue(trx: Trx, id: string, lock = false) {
  const r = await findIssue(trx, id, lock);
  if (!r) throw new AppError('newsletter.not_found');
  return r;
}

export async function listNewsletterIssues(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listIssues(trx)).map((r) => ({
    id: r.id, title: r.title, language: r.language as 'fr', status: r.status as 'draft', sentAt: iso(r.sent_at), updatedAt: r.updated_at.toISOString(),
  })));
}

export async function createIssue(ctx: AppContext, actor: Actor, input: { title: string; language: 'fr' | 'en' }, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { id } = await insertIssue(trx, { organisationId: actor.organisationId, title: input.title, language: input.language, createdBy: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'newsletter.created', entityType: 'newsletter_issue', entityId: id, context: { ip },
    });
    return issueView(trx, ctx, await visibleIssue(trx, id));
  });
}

export async function readIssue(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => issueView(trx, ctx, await visibleIssue(trx, id)));
}

/** Saves a draft's title and blocks; figures are checked by computing them (an unknown area is refused here). */
export async function editIssue(ctx: AppContext, actor: Actor, id: string, input: NewsletterIssueInput, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await visibleIssue(trx, id, true);
    if (r.status !== 'draft') throw new AppError('newsletter.not_editable');
    await checkNewQuotes(ctx, trx, r.blocks as NewsletterBlockInput[], input.blocks);
    const resolved = await resolveBlocks(ctx, trx, input.blocks, input.language);
    await updateDraft(trx, id, { title: input.title, language: input.language, blocks: resolved.map(blockInputOf) });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'newsletter.edited', entityType: 'newsletter_issue', entityId: id,
      after: { blocks: input.blocks.map((b) => b.kind) }, context: { ip },
    });
    return issueView(trx, ctx, await visibleIssue(trx, id));
  });
}

/** Sends the issue once to the list's consenting subscribers (suppressions are checked per mail at send time). */
export async function sendIssue(ctx: AppContext, actor: Actor, id: string, listId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await visibleIssue(trx, id, true);
    if (r.status === 'sent') return issueView(trx, ctx, r);
    const language = r.language as 'fr' | 'en';
    const blocks = await resolveBlocks(ctx, trx, r.blocks as NewsletterBlockInput[], language);
    if (blocks.length === 0) throw new AppError('newsletter.empty');
    const refused = quoteBlocks(blocks).find((q) => !q.consented);
    if (refused) throw new AppError('newsletter.quote_without_consent', { quote: refused.quote, testimonyId: refused.testimonyId });
    const { list, mailable } = await mailableAudience(trx, listId);
    if (list.legal_basis !== 'consent') throw new AppError('newsletter.list_not_consent');
    if (mailable.length === 0) throw new AppError('newsletter.no_subscribers', { list: list.name });
    const links = await archiveUrls(trx, ctx, actor.organisationId);
    const text = newsletterText({ title: r.title, language, blocks, sentOn: parisDate(new Date()) }, {
      archiveUrl: links?.issue(id) ?? null, photoUrl: (evidenceId) => links?.photo(id, evidenceId) ?? null,
    });
    const queued = await queueMailing(trx, ctx.queue, {
      organisationId: actor.organisationId, purpose: 'newsletter', sourceId: id, listId, subject: r.title, bodyText: text, bulk: true,
      createdBy: actor.userId, recipients: mailable.map((m) => ({ contactId: m.contactId, email: m.email })),
    });
    const snapshot: Snapshot = { title: r.title, language, blocks, text };
    await markSent(trx, id, { listId, mailingId: queued.mailingId, snapshot, by: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'newsletter.sent', entityType: 'newsletter_issue', entityId: id,
      after: { listId, recipients: queued.queued }, context: { ip },
    });
    return issueView(trx, ctx, await visibleIssue(trx, id));
  });
}

/**
 * The checklist before sending: an issue is written in one language and its photos carry their
 * recorded credit, so what it names is each quote whose person does not (or no longer) agree.
 */
export async function issueChecklist(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const r = await visibleIssue(trx, id);
    if (r.status !== 'draft') throw new AppError('newsletter.not_editable');
    const blocks = await resolveBlocks(ctx, trx, r.blocks as NewsletterBlockInput[], r.language as 'fr' | 'en');
    return { items: publishChecklist({ texts: [], photos: [], testimonyQuotes: quoteBlocks(blocks) }) };
  });
}

/** Photos the desk may put in an issue: those with a metadata-free publication copy. */
export async function listPublicationPhotos(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await publicationPhotos(trx)).map((p) => ({
    id: p.id, credit: p.credit, capturedAt: iso(p.captured_at),
  })));
}

/** Whether a photo may be published elsewhere (a social post's image): it has a publication copy. */
export async function isPublicationPhoto(trx: Trx, evidenceId: string): Promise<boolean> {
  return (await publicationPhotos(trx, [evidenceId])).length > 0;
}

async function settingsView(trx: Trx, ctx: AppContext, organisationId: string): Promise<NewsletterSettingsView> {
  const s = await findSettings(trx, organisationId);
  const org = await organisationById(trx, organisationId);
  const links = await archiveUrls(trx, ctx, organisationId);
  return {
    enabled: s?.enabled ?? false, listId: s?.list_id ?? null, slug: org.slug,
    signupUrl: links?.signup ?? null, archiveUrl: links?.archive ?? null,
  };
}

export async function readSettings(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => settingsView(trx, ctx, actor.organisationId));
}

/** The organisation opts in to a public sign-up page and archive; sign-ups join one static consent list. */
export async function changeSettings(ctx: AppContext, actor: Actor, input: { enabled: boolean; listId: string | null }, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (input.enabled && !input.listId) throw new AppError('newsletter.list_required');
    if (input.listId) {
      const { list } = await mailableAudience(trx, input.listId);
      if (list.legal_basis !== 'consent') throw new AppError('newsletter.list_not_consent');
      if (list.kind !== 'static') throw new AppError('newsletter.list_not_static');
    }
    if (input.enabled && !(await organisationById(trx, actor.organisationId)).slug) throw new AppError('newsletter.no_slug');
    await saveSettings(trx, { organisationId: actor.organisationId, enabled: input.enabled, listId: input.listId, by: actor.userId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'newsletter.settings_changed', entityType: 'organisation',
      entityId: actor.organisationId, after: input, context: { ip },
    });
    return settingsView(trx, ctx, actor.organisationId);
  });
}

/** The newsletter's subscribers at the end of a Paris day; 0 while no newsletter list is set (a funder indicator's actual). */
export async function newsletterSubscribersOn(trx: Trx, organisationId: string, day: string): Promise<number> {
  const s = await findSettings(trx, organisationId);
  return s?.list_id ? countSubscribersOn(trx, s.list_id, day) : 0;
}
