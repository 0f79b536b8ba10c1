import type { Db, Executor } from '../../../platform/db/database.js';

/**
 * The one query made outside any organisation scope: a visitor names an organisation by its
 * public address, and only an organisation that turned publication on answers.
 */
export async function findPublishingOrganisation(db: Db, slug: string) {
  return db.selectFrom('organisations as o')
    .innerJoin('public_statistics_settings as p', 'p.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'p.threshold'])
    .where('o.slug', '=', slug).where('p.enabled', '=', true)
    .executeTakeFirst();
}

export async function readPublicSettings(db: Executor) {
  const org = await db.selectFrom('organisations').select(['slug']).executeTakeFirst();
  const settings = await db.selectFrom('public_statistics_settings').select(['enabled', 'threshold']).executeTakeFirst();
  return { slug: org?.slug ?? null, enabled: settings?.enabled ?? false, threshold: settings?.threshold ?? null };
}

export async function writeSlug(db: Executor, organisationId: string, slug: string | null) {
  await db.updateTable('organisations').set({ slug }).where('id', '=', organisationId).execute();
}

export async function writePublicSettings(db: Executor, organisationId: string, enabled: boolean, threshold: number, userId: string) {
  await db.insertInto('public_statistics_settings')
    .values({ organisation_id: organisationId, enabled, threshold, updated_by: userId })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ enabled, threshold, updated_by: userId, updated_at: new Date() }))
    .execute();
}
