import { parisDate, postingProblems, type PostingInput } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { postingColumns, presentPosting } from './postings.presenter.js';
import { findPosting, insertPosting, listPostings, organisationName, organisationSlug, updatePosting, type PostingRow } from './postings.queries.js';
import { announcePosting } from './job-alerts.js';
import { jobPagePath } from './public-pages.js';

/** Refuses a posting that breaks a rule, naming the first problem with its values. */
function check(input: PostingInput) {
  const [problem] = postingProblems(input, parisDate(new Date()));
  if (!problem) return;
  const details = problem === 'posting.pay_range_inverted' ? { min: input.payMin, max: input.payMax }
    : problem === 'posting.closing_date_past' ? { closesOn: input.closesOn } : undefined;
  throw new AppError(problem, details);
}

const urlOf = (ctx: AppContext, slug: string | null, r: PostingRow) =>
  slug && r.status !== 'draft' ? `${ctx.config.publicUrl}${jobPagePath(slug, r.id)}` : null;

export async function listOrganisationPostings(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const slug = await organisationSlug(trx);
    return (await listPostings(trx)).map((r) => presentPosting(r, urlOf(ctx, slug, r)));
  });
}

export async function readPosting(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await findPosting(trx, id);
    if (!row) throw new AppError('posting.not_found');
    return presentPosting(row, urlOf(ctx, await organisationSlug(trx), row));
  });
}

export async function createPosting(ctx: AppContext, actor: Actor, input: PostingInput, ip: string) {
  check(input);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await insertPosting(trx, { organisation_id: actor.organisationId, created_by: actor.userId, ...postingColumns(input) });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'posting.created', entityType: 'job_posting', entityId: row.id,
      after: { title: row.title, engagement: row.engagement, closesOn: row.closes_on }, context: { ip },
    });
    return presentPosting(row, null);
  });
}

export async function editPosting(ctx: AppContext, actor: Actor, id: string, input: PostingInput, ip: string) {
  check(input);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findPosting(trx, id);
    if (!before) throw new AppError('posting.not_found');
    const row = (await updatePosting(trx, id, postingColumns(input)))!;
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'posting.changed', entityType: 'job_posting', entityId: id,
      before: { title: before.title, closesOn: before.closes_on, status: before.status }, after: { title: row.title, closesOn: row.closes_on, status: row.status },
      context: { ip },
    });
    return presentPosting(row, urlOf(ctx, await organisationSlug(trx), row));
  });
}

/** Publishing needs a public address; a posting whose closing day has passed cannot go online. */
export async function publishPosting(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findPosting(trx, id);
    if (!before) throw new AppError('posting.not_found');
    if (before.status !== 'draft') throw new AppError('posting.not_draft');
    if (before.closes_on < parisDate(new Date())) throw new AppError('posting.closing_date_past', { closesOn: before.closes_on });
    const slug = await organisationSlug(trx);
    if (!slug) throw new AppError('posting.no_public_address');
    const row = (await updatePosting(trx, id, { status: 'published', published_at: new Date() }))!;
    const alerted = await announcePosting(trx, { queue: ctx.queue, publicUrl: ctx.config.publicUrl }, {
      organisationId: actor.organisationId, organisationName: await organisationName(trx), posting: row, url: urlOf(ctx, slug, row)!, actorId: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'posting.published', entityType: 'job_posting', entityId: id,
      before: { status: before.status }, after: { status: row.status, alerted }, context: { ip },
    });
    return presentPosting(row, urlOf(ctx, slug, row));
  });
}

/** Takes a posting offline before its closing date (filled, cancelled). */
export async function closePosting(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findPosting(trx, id);
    if (!before) throw new AppError('posting.not_found');
    const row = (await updatePosting(trx, id, { status: 'closed' }))!;
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'posting.closed', entityType: 'job_posting', entityId: id,
      before: { status: before.status }, after: { status: 'closed' }, context: { ip },
    });
    return presentPosting(row, urlOf(ctx, await organisationSlug(trx), row));
  });
}
