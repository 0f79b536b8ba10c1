import type { Executor } from '../../../platform/db/database.js';
import { listCases } from './cases.queries.js';

/** The cases an eviction is linked to, for its page (read by roles with legal.manage only). */
export async function casesLinkedToEviction(db: Executor, evictionId: string) {
  const rows = await listCases(db, { evictionId });
  return rows.map((c) => ({ id: c.id, title: c.title, status: c.status }));
}

/** The cases an incident is linked to, for its page (read by roles with legal.manage only). */
export async function casesLinkedToIncident(db: Executor, incidentId: string) {
  const rows = await listCases(db, { incidentId });
  return rows.map((c) => ({ id: c.id, title: c.title, status: c.status }));
}
