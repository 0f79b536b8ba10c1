import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/database.js';
import { findSettings, organisationById } from './newsletters.queries.js';

/**
 * The newsletter's public addresses, or null while the organisation has not opted in (or has
 * no public slug yet). The sign-up page is the web app's; the archive and feed are server pages.
 */
export function newsletterPaths(publicUrl: string, slug: string) {
  const base = `${publicUrl}/api/public/${slug}/newsletter`;
  return {
    signup: `${publicUrl}/subscribe/${slug}`,
    archive: base,
    feed: `${base}.atom`,
    issue: (id: string) => `${base}/${id}`,
    photo: (id: string, evidenceId: string) => `${base}/${id}/photos/${evidenceId}.jpg`,
  };
}

export async function archiveUrls(db: Executor, ctx: Pick<AppContext, 'config'>, organisationId: string) {
  const settings = await findSettings(db, organisationId);
  if (!settings?.enabled) return null;
  const org = await organisationById(db, organisationId);
  return org.slug ? newsletterPaths(ctx.config.publicUrl, org.slug) : null;
}
