import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './research.table.js';

/** SQL of the research-sharing tables: agreements, profiles, releases, links, downloads. No rules here. */

export async function insertAgreement(db: Executor, v: {
  id: string; organisationId: string; recipientName: string; recipientEmail: string; institution: string; purpose: string;
  startsOn: string; endsOn: string; finestDate: string; finestPlace: string; measures: string[]; pseudonymSalt: string; createdBy: string;
}) {
  return db.insertInto('research_agreements').values({
    id: v.id, organisation_id: v.organisationId, recipient_name: v.recipientName, recipient_email: v.recipientEmail, institution: v.institution,
    purpose: v.purpose, starts_on: v.startsOn, ends_on: v.endsOn, finest_date: v.finestDate, finest_place: v.finestPlace,
    measures: JSON.stringify(v.measures), pseudonym_salt: v.pseudonymSalt, created_by: v.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}
export async function setAgreementContact(db: Executor, id: string, contactId: string) {
  return db.updateTable('research_agreements').set({ contact_id: contactId }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
export const listAgreements = (db: Executor) => db.selectFrom('research_agreements').selectAll().orderBy('created_at', 'desc').execute();
export type AgreementRow = Awaited<ReturnType<typeof listAgreements>>[number];
export const findAgreement = (db: Executor, id: string) => db.selectFrom('research_agreements').selectAll().where('id', '=', id).executeTakeFirst();

export async function setAgreementDocument(db: Executor, id: string, d: { name: string; contentType: string; sha256: string; size: number; key: string; iv: string; tag: string }) {
  return db.updateTable('research_agreements').set({
    document_name: d.name, document_content_type: d.contentType, document_sha256: d.sha256, document_size: d.size,
    document_storage_key: d.key, document_iv: d.iv, document_tag: d.tag,
  }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertProfile(db: Executor, v: { organisationId: string; name: string; definition: unknown; createdBy: string }) {
  const last = await db.selectFrom('research_profiles').select(sql<number>`coalesce(max(version), 0)`.as('v')).where('name', '=', v.name).executeTakeFirst();
  return db.insertInto('research_profiles').values({
    organisation_id: v.organisationId, name: v.name, version: Number(last?.v ?? 0) + 1, definition: JSON.stringify(v.definition), created_by: v.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}
export const listProfiles = (db: Executor) => db.selectFrom('research_profiles').selectAll().orderBy('name').orderBy('version', 'desc').execute();
export type ProfileRow = Awaited<ReturnType<typeof listProfiles>>[number];
export const findProfile = (db: Executor, id: string) => db.selectFrom('research_profiles').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertRelease(db: Executor, v: { id: string; organisationId: string; agreementId: string; profileId: string; from: string; to: string; requestedBy: string }) {
  await db.insertInto('research_releases').values({
    id: v.id, organisation_id: v.organisationId, agreement_id: v.agreementId, profile_id: v.profileId, period_from: v.from, period_to: v.to, requested_by: v.requestedBy,
  }).execute();
}
export const findRelease = (db: Executor, id: string) => db.selectFrom('research_releases').selectAll().where('id', '=', id).executeTakeFirst();
export type ReleaseRow = NonNullable<Awaited<ReturnType<typeof findRelease>>>;
export const agreementReleases = (db: Executor, agreementId: string) =>
  db.selectFrom('research_releases').selectAll().where('agreement_id', '=', agreementId).orderBy('created_at', 'desc').execute();

export async function markRelease(db: Executor, id: string, set: { status: string; files?: unknown; manifestSha256?: string; refusedCells?: string[]; disclosure?: unknown }) {
  const finished = ['done', 'refused', 'failed'].includes(set.status);
  await db.updateTable('research_releases').set({
    status: set.status,
    ...(set.files !== undefined ? { files: JSON.stringify(set.files) } : {}),
    ...(set.manifestSha256 !== undefined ? { manifest_sha256: set.manifestSha256 } : {}),
    ...(set.refusedCells !== undefined ? { refused_cells: JSON.stringify(set.refusedCells) } : {}),
    ...(set.disclosure !== undefined ? { disclosure: JSON.stringify(set.disclosure) } : {}),
    ...(finished ? { finished_at: new Date() } : {}),
  }).where('id', '=', id).execute();
}

export async function insertLink(db: Executor, v: { organisationId: string; releaseId: string; tokenHash: string; expiresAt: Date; createdBy: string }) {
  return db.insertInto('research_release_links').values({
    organisation_id: v.organisationId, release_id: v.releaseId, token_hash: v.tokenHash, expires_at: v.expiresAt, created_by: v.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}
export const releaseLinks = (db: Executor, releaseId: string) =>
  db.selectFrom('research_release_links').selectAll().where('release_id', '=', releaseId).orderBy('created_at', 'desc').execute();
export type LinkRow = Awaited<ReturnType<typeof releaseLinks>>[number];
export async function revokeLink(db: Executor, releaseId: string, id: string, userId: string) {
  return db.updateTable('research_release_links').set({ revoked_at: sql`coalesce(revoked_at, now())` as unknown as Date, revoked_by: userId })
    .where('release_id', '=', releaseId).where('id', '=', id).returningAll().executeTakeFirst();
}
/** Looked up before any organisation is known: the link is all the recipient brings. */
export const linkByTokenHash = (db: Executor, tokenHash: string) =>
  db.selectFrom('research_release_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

export async function insertDownload(db: Executor, v: { organisationId: string; linkId: string; releaseId: string; file: string; ipHash: string; userAgent: string | null }) {
  await db.insertInto('research_release_downloads').values({
    organisation_id: v.organisationId, link_id: v.linkId, release_id: v.releaseId, file: v.file, ip_hash: v.ipHash, user_agent: v.userAgent,
  }).execute();
}
export const releaseDownloads = (db: Executor, releaseId: string) =>
  db.selectFrom('research_release_downloads').selectAll().where('release_id', '=', releaseId).orderBy('at', 'desc').limit(200).execute();
