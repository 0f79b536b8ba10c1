import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import './cases.table.js';

/** SQL of lawyers' time-limited access links to one case. */

export async function insertGrant(db: Executor, values: {
  organisationId: string; caseId: string; tokenHash: string; lawyerName: string; lawyerEmail: string | null; expiresAt: Date; createdBy: string;
}) {
  return db.insertInto('legal_case_grants').values({
    organisation_id: values.organisationId, case_id: values.caseId, token_hash: values.tokenHash, lawyer_name: values.lawyerName,
    lawyer_email: values.lawyerEmail, expires_at: values.expiresAt, created_by: values.createdBy,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function caseGrants(db: Executor, caseId: string) {
  return db.selectFrom('legal_case_grants').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').execute();
}
export type GrantRow = Awaited<ReturnType<typeof caseGrants>>[number];

export async function revokeGrant(db: Executor, caseId: string, id: string, userId: string) {
  return db.updateTable('legal_case_grants').set({ revoked_at: sql`coalesce(revoked_at, now())` as unknown as Date, revoked_by: userId })
    .where('case_id', '=', caseId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Looked up before any organisation is known: the link is all the lawyer brings. */
export async function grantByTokenHash(db: Executor, tokenHash: string) {
  return db.selectFrom('legal_case_grants').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchGrant(db: Executor, id: string) {
  await db.updateTable('legal_case_grants').set({ last_used_at: sql`now()` as unknown as Date }).where('id', '=', id).execute();
}
