import { parisDate, type Locale } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { markdownRenderer } from './markdown.js';
import { postingFields } from './postings.presenter.js';
import { findOrganisationBySlug, findPosting, listOpenPostings, type PostingRow } from './postings.queries.js';
import { jobPagePath, RECRUITMENT_PUBLIC_PAGES } from './public-pages.js';
import type { PublicPosting } from './public-postings.page.js';

/** What the public sees: published postings still open, nothing else (no author, no drafts). */
function publicPosting(ctx: AppContext, slug: string, r: PostingRow, markdownToHtml: (source: string) => string): PublicPosting {
  const fields = postingFields(r);
  return {
    ...fields, id: r.id, publishedAt: r.published_at!.toISOString(), updatedAt: r.updated_at.toISOString(),
    url: `${ctx.config.publicUrl}${jobPagePath(slug, r.id)}`, descriptionHtml: markdownToHtml(fields.description),
  };
}

async function organisation(ctx: AppContext, slug: string) {
  const org = await findOrganisationBySlug(ctx.db, slug);
  if (!org) throw new AppError('posting.not_found');
  return org;
}

export async function publicJobs(ctx: AppContext, slug: string) {
  const org = await organisation(ctx, slug);
  const rows = await inOrganisation(ctx.db, org.id, (trx) => listOpenPostings(trx, parisDate(new Date())));
  const toHtml = await markdownRenderer();
  const [list, , feed] = RECRUITMENT_PUBLIC_PAGES.map((p) => `${ctx.config.publicUrl}${p.path(slug)}`);
  return { org, jobs: rows.map((r) => publicPosting(ctx, slug, r, toHtml)), urls: { list: list!, feed: feed! } };
}

export async function publicJob(ctx: AppContext, slug: string, id: string) {
  const org = await organisation(ctx, slug);
  const row = await inOrganisation(ctx.db, org.id, (trx) => findPosting(trx, id));
  // A draft, a closed posting or one past its closing day is "not found" to the public.
  if (!row || row.status !== 'published' || row.closes_on < parisDate(new Date())) throw new AppError('posting.not_found');
  return { org, job: publicPosting(ctx, slug, row, await markdownRenderer()), listUrl: `${ctx.config.publicUrl}${RECRUITMENT_PUBLIC_PAGES[0].path(slug)}` };
}

export type { Locale };

/**
 * The posting a candidate applies to, for the applications module: refused as "not found" when
 * never published, and as "closed" once taken offline or past its closing day (Paris).
 */
export async function postingOpenForApplication(ctx: AppContext, slug: string, id: string) {
  const org = await organisation(ctx, slug);
  const row = await inOrganisation(ctx.db, org.id, (trx) => findPosting(trx, id));
  if (!row || row.status === 'draft') throw new AppError('posting.not_found');
  if (row.status === 'closed' || row.closes_on < parisDate(new Date())) throw new AppError('application.posting_closed', { closesOn: row.closes_on });
  return { organisationId: org.id, organisationName: org.name, postingId: row.id, title: row.title };
}
