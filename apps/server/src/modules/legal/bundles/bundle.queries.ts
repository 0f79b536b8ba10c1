import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import '../../field/evidence/evidence.table.js';

/** The evidence asked for, with the eviction and site it documents. Another organisation's rows are hidden by RLS. */
export async function findBundleEvidence(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('evidence as ev')
    .leftJoin('evictions as e', 'e.id', 'ev.eviction_id')
    .leftJoin('sites as s', 's.id', 'e.site_id')
    .selectAll('ev')
    .select(['e.date as eviction_date', 's.code as site_code', 's.name as site_name', 's.commune_insee'])
    .where('ev.id', 'in', ids)
    .orderBy('ev.captured_at').orderBy('ev.created_at').orderBy('ev.id')
    .execute();
}

/** Every audit entry about these files, oldest first: the chain of custody. */
export async function custodyEntries(db: Executor, evidenceIds: string[]) {
  if (evidenceIds.length === 0) return [];
  return db.selectFrom('audit_log')
    .select(['at', 'actor_id', 'action', 'entity_id', 'after', 'context', 'hash'])
    .where('entity_type', '=', 'evidence').where('entity_id', 'in', evidenceIds)
    .orderBy('seq')
    .execute();
}

export async function displayNames(db: Executor, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function organisationName(db: Executor, organisationId: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirst();
  return row?.name ?? '';
}


export type CaseRow = {
  id: string; title: string; action_type: string; court: string | null; external_reference: string | null;
  summary: string | null; status: string; outcome: string | null; created_at: Date;
};

export async function findCase(db: Executor, caseId: string): Promise<CaseRow | undefined> {
  const { rows } = await sql<CaseRow>`
    SELECT id, title, action_type, court, external_reference, summary, status, outcome, created_at
    FROM legal_cases WHERE id = ${caseId}`.execute(db);
  return rows[0];
}

/** The evictions the case relies on, as the manifest names them: day, site code, commune. */
export async function caseEvictions(db: Executor, caseId: string) {
  const { rows } = await sql<{ id: string; date: string; site_code: string; commune_insee: string }>`
    SELECT e.id, e.date::text AS date, s.code AS site_code, s.commune_insee
    FROM legal_case_links l
    JOIN incidents i ON i.id = l.incident_id
    JOIN evictions e ON e.id = i.eviction_id
    JOIN sites s ON s.id = e.site_id
    WHERE l.case_id = ${caseId}
    UNION
    SELECT e.id, e.date::text, s.code, s.commune_insee
    FROM legal_case_links l JOIN evictions e ON e.id = l.eviction_id JOIN sites s ON s.id = e.site_id
    WHERE l.case_id = ${caseId}
    ORDER BY 2, 3`.execute(db);
  return rows;
}
