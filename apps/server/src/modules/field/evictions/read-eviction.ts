import { can, canSeeUnverifiedOf, isProbableDuplicate, type EvictionActions, type EvictionPageView, type EvictionRowView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { evidenceItemsOfEviction } from '../evidence/evidence-items.js';
import { readHistory } from '../history/history.service.js';
import { incidentsOfEviction } from '../incidents/list-incidents.js';
import { referenceLists } from '../taxonomies/taxonomies.service.js';
import { operationSummary } from '../operations/operations.service.js';
import { openConflictCount } from '../sync/conflict-count.js';
import { casesLinkedToEviction } from '../../legal/cases/linked-cases.js';
import { canEditEviction } from './save-eviction.js';
import { evictionVisibility, recordReader, type RecordReader } from './eviction-visibility.js';
import { evictionsOfOperation, findNamedEviction, namedEvictions, sameSiteSameDay, talliesOf, type NamedEvictionRow } from './evictions.queries.js';
import { presentEvictionRow } from './evictions.presenter.js';

/** Who opens an eviction's page: the field pole, the legal pole, and comms (who cite it). */
export function canReadEvictions(actor: Actor) {
  return can(actor.roles, 'field.record') || can(actor.roles, 'field.verify') || can(actor.roles, 'legal.manage') || can(actor.roles, 'comms.publish');
}

/** May this reader open an eviction, given who was present at its operation (pure: the operation page filters with it). */
export function mayOpenEviction(actor: Actor, row: { status: string; created_by: string }, presentIds: readonly string[]) {
  if (!canReadEvictions(actor)) return false;
  // Unverified: its author and the observers present, those who verify, and the legal pole.
  return row.status === 'verified' || presentIds.includes(actor.userId) || canSeeUnverifiedOf(actor.roles, actor.userId, row.created_by);
}

/**
 * The check before showing an eviction or anything recorded during it (its incidents). Like
 * evidence: only within the reader's own organisation does the answer tell "exists" from "not yours".
 */
async function openableEviction(trx: Executor, actor: Actor, row: NamedEvictionRow) {
  if (!canReadEvictions(actor)) throw new AppError('auth.forbidden');
  const operation = await operationSummary(trx, row.operation_id);
  const present = Boolean(operation?.observers.some((o) => o.id === actor.userId)) || row.created_by === actor.userId;
  if (!mayOpenEviction(actor, row, present ? [actor.userId] : [])) throw new AppError('eviction.unverified');
  return { operation, present };
}

/** An eviction as the incident page shows it: a full row, its operation, and whether the reader was there. */
export async function evictionOfIncident(trx: Executor, actor: Actor, evictionId: string) {
  const row = await findNamedEviction(trx, evictionId);
  if (!row) throw new AppError('incident.not_found');
  const { operation, present } = await openableEviction(trx, actor, row);
  const [eviction] = await evictionRows(trx, [row]);
  return {
    eviction: eviction!, present,
    operation: operation ?? { id: row.operation_id, date: row.date, startedAt: row.arrived_at.toISOString(), endedAt: null, observers: [] },
  };
}

/** The evictions of one operation this reader may open, as full rows (merged duplicates left out). */
export async function evictionRowsOfOperation(db: Executor, actor: Actor, operationId: string, presentIds: readonly string[]) {
  const rows = (await evictionsOfOperation(db, operationId)).filter((r) => mayOpenEviction(actor, r, presentIds));
  return evictionRows(db, rows);
}

/** Full rows (site, author, tallies) for a list of evictions. */
export async function evictionRows(db: Executor, rows: NamedEvictionRow[]): Promise<EvictionRowView[]> {
  const tallies = await talliesOf(db, rows.map((r) => r.id));
  return rows.map((r) => presentEvictionRow(r, tallies.get(r.id)!, r.site_code ? { id: r.site_id, code: r.site_code, name: r.site_name ?? '' } : undefined, r.author_name));
}

/** Probable duplicates of one eviction: same site, same day, overlapping times (domain rule). */
async function duplicatesOf(db: Executor, row: NamedEvictionRow, reader: RecordReader) {
  const span = (e: { id: string; site_id: string; date: string; arrived_at: Date; left_at: Date | null }) => ({
    id: e.id, siteId: e.site_id, date: e.date, arrivedAt: e.arrived_at.toISOString(), leftAt: e.left_at?.toISOString() ?? null,
  });
  const candidates = (await sameSiteSameDay(db, row.site_id, row.date, reader)).filter((c) => isProbableDuplicate(span(row), span(c)));
  return evictionRows(db, await namedEvictions(db, candidates.map((c) => c.id)));
}

/**
 * One eviction whole: everything recorded, its operation and observers, incidents, evidence,
 * history, cases, duplicates and what the reader may do. Another organisation's eviction does not
 * exist here (row-level security): 404, never its content. Each read is audited.
 */
export async function readEvictionPage(ctx: AppContext, actor: Actor, id: string, ip: string): Promise<EvictionPageView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const row = await findNamedEviction(trx, id);
    if (!row) throw new AppError('eviction.not_found');
    const { operation, present } = await openableEviction(trx, actor, row);
    const [eviction] = await evictionRows(trx, [row]);
    const legal = can(actor.roles, 'legal.manage');
    const duplicates = row.merged_into ? [] : await duplicatesOf(trx, row, recordReader(actor));
    const openConflicts = await openConflictCount(trx, { entityType: 'eviction', entityId: id });
    const verifier = can(actor.roles, 'field.verify');
    const actions: EvictionActions = {
      edit: can(actor.roles, 'field.record') && canEditEviction(actor, row),
      verify: verifier && row.status === 'submitted' && !row.merged_into,
      reject: verifier && (row.status === 'submitted' || row.status === 'verified') && !row.merged_into,
      merge: verifier && duplicates.length > 0,
      openCase: legal,
      witnessStatement: legal || (can(actor.roles, 'field.record') && Boolean(present)),
      readOriginals: can(actor.roles, 'identities.read'),
      resolveConflicts: verifier && openConflicts > 0,
    };
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'eviction.read', entityType: 'eviction', entityId: id, context: { ip },
    });
    return {
      eviction: eviction!,
      operation: operation ?? { id: row.operation_id, date: row.date, startedAt: row.arrived_at.toISOString(), endedAt: null, observers: [] },
      incidents: await incidentsOfEviction(trx, id),
      evidence: await evidenceItemsOfEviction(trx, id),
      history: await readHistory(trx, 'eviction', id),
      cases: legal ? await casesLinkedToEviction(trx, id) : [],
      duplicates, openConflicts, actions,
      terms: (await referenceLists(trx)).terms,
    };
  });
}

/** The version history alone (the capture screen's "history" link). */
export async function readEvictionHistory(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    // Every version of the record: the same rule as its page.
    if (await evictionVisibility(trx, recordReader(actor), id) === 'hidden') throw new AppError('eviction.unverified');
    const versions = await readHistory(trx, 'eviction', id);
    if (versions.length === 0) throw new AppError('eviction.not_found');
    return versions;
  });
}
