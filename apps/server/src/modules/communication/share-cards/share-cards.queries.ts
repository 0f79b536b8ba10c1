import type { Executor } from '../../../platform/db/database.js';
import './share-cards.table.js';

/** All SQL of the share cards: the organisation's name and branding. */
export async function brandingOf(db: Executor, organisationId: string) {
  const org = await db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
  const b = await db.selectFrom('organisation_branding').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  return { name: org.name, branding: b ?? null };
}

export async function saveBranding(db: Executor, organisationId: string, v: {
  primaryColour: string; accentColour: string; logo?: { bytes: Buffer; type: string } | null; updatedBy: string;
}) {
  const logo = v.logo === undefined ? {} : { logo: v.logo?.bytes ?? null, logo_type: v.logo?.type ?? null };
  await db.insertInto('organisation_branding').values({
    organisation_id: organisationId, primary_colour: v.primaryColour, accent_colour: v.accentColour, updated_by: v.updatedBy, ...logo,
  }).onConflict((oc) => oc.column('organisation_id').doUpdateSet({
    primary_colour: v.primaryColour, accent_colour: v.accentColour, updated_by: v.updatedBy, updated_at: new Date(), ...logo,
  })).execute();
}
