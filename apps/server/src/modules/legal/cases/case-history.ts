import type { Executor } from '../../../platform/db/database.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { insertVersion, latestVersionData } from '../../field/history/history.service.js';
import { findCase, type CaseRow } from './cases.queries.js';

/**
 * A case's own fields kept as versions in the one history of every record, so its changes read as
 * sentences like an eviction's ("Juridiction : → Tribunal administratif de Lille, par Sacha, …").
 * Parties, links, tasks and documents have their own lists and the timeline; they are not versioned here.
 */
const caseFields = (c: CaseRow) => ({
  title: c.title, actionType: c.action_type, court: c.court, externalReference: c.external_reference, summary: c.summary,
  status: c.status, outcome: c.outcome, outcomeNote: c.outcome_note,
});

/**
 * Records a new version when the case's fields changed. A case opened before versions were kept
 * gets its first version from how it stood before this change, dated and signed by its opening.
 */
export async function recordCaseVersion(db: Executor, actor: Actor, caseId: string, before: CaseRow | null) {
  const now = await findCase(db, caseId);
  if (!now) return;
  let latest = await latestVersionData(db, 'legal_case', caseId);
  const base = { organisationId: actor.organisationId, entityType: 'legal_case', entityId: caseId };
  if (!latest) {
    const first = caseFields(before ?? now);
    await insertVersion(db, { ...base, version: 1, data: first, changedBy: now.opened_by, changedAt: now.created_at });
    latest = { version: 1, data: first };
  }
  const data = caseFields(now);
  // Field by field: jsonb does not keep key order.
  const previous = latest.data;
  if (Object.entries(data).every(([k, v]) => (previous[k] ?? null) === v)) return;
  await insertVersion(db, { ...base, version: latest.version + 1, data, changedBy: actor.userId });
}
