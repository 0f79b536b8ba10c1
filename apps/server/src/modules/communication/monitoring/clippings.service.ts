import { canonicalUrl, normaliseText, type ClippingEchoView, type ClippingQuery, type ClippingUpdate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Trx } from '../../../platform/db/database.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { loadRelease } from '../press-releases/press-releases.service.js';
import { clippingsAbout, findClipping, listClippings, updateClipping, countClippingsBetween } from './monitoring.queries.js';
import { presentClipping, presentClippingDetail } from './monitoring.presenter.js';

/** Clippings: the list with full-text search, a person's tone and tags, the link to a press release. */

/** Accents removed as in the index; the web-search syntax ("phrase", OR, -word) is kept. */
function searchText(q: string): string {
  return q.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

export async function searchClippings(ctx: AppContext, actor: Actor, query: ClippingQuery) {
  const search = query.q && normaliseText(query.q) ? searchText(query.q) : undefined;
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await listClippings(trx, { ...query, search })).map(presentClipping));
}

export async function readClipping(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const c = await findClipping(trx, id);
    if (!c) throw new AppError('monitoring.clipping_not_found');
    return presentClippingDetail(c);
  });
}

export async function changeClipping(ctx: AppContext, actor: Actor, id: string, input: ClippingUpdate, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findClipping(trx, id);
    if (!before) throw new AppError('monitoring.clipping_not_found');
    // The release is asked of its own module (refused with its own message when it does not exist).
    if (input.pressReleaseId) await loadRelease(trx, ctx, input.pressReleaseId);
    const tags = input.tags && [...new Set(input.tags.map((t) => t.toLowerCase()))];
    await updateClipping(trx, id, { tone: input.tone, toneBy: input.tone ? actor.userId : null, tags, pressReleaseId: input.pressReleaseId });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'monitoring.clipping_changed', entityType: 'monitoring_clipping', entityId: id,
      before: { tone: before.tone, tags: before.tags, pressReleaseId: before.press_release_id }, after: { ...input, ...(tags && { tags }) }, context: { ip },
    });
    return presentClippingDetail((await findClipping(trx, id))!);
  });
}

/** How many clippings appeared between two Paris days, both included (a funder indicator's actual). */
export async function clippingsBetween(trx: Trx, from: string, to: string): Promise<number> {
  return countClippingsBetween(trx, from, to);
}

/**
 * What monitoring found about published addresses (a social post's URL), like a press release's
 * coverage: the address itself picked up by a followed feed ("own"), or an article naming it.
 * Keyed by the address as given; an address monitoring has not seen gets an empty list.
 */
export async function echoesOf(trx: Trx, urls: string[]): Promise<Map<string, ClippingEchoView[]>> {
  const canonicalOf = new Map(urls.map((u) => [u, canonicalUrl(u)]));
  const rows = await clippingsAbout(trx, [...new Set([...canonicalOf.values()].filter((c): c is string => c !== null))]);
  return new Map(urls.map((u) => {
    const c = canonicalOf.get(u);
    return [u, rows.filter((r) => c && r.about.includes(c)).map((r) => ({
      id: r.id, title: r.title, outlet: r.outlet, url: r.url, publishedAt: (r.published_at ?? r.found_at).toISOString(), own: r.canonical_url === c,
    }))];
  }));
}
