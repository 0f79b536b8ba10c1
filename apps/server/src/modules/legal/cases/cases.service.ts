import { parisDate, type LegalCaseCreate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import {
  caseEvents, caseLinks, caseParties, caseTasks, findCase, insertCase, insertEvent, insertLink, listCases, targetExists, updateCase,
} from './cases.queries.js';
import { caseDocuments } from './documents.queries.js';
import { presentCase, presentCaseSummary } from './cases.presenter.js';
import { recordCaseVersion } from './case-history.js';
import { readHistory } from '../../field/history/history.service.js';
import { lookupIncident } from '../../field/incidents/incident-lookup.js';

/**
 * Legal cases: open, list, read, change, and the status timeline. Every read is audited (who
 * looked at which case, from where), including lists, which disclose titles.
 */
const today = () => parisDate(new Date());

export async function openLegalCase(ctx: AppContext, actor: Actor, input: LegalCaseCreate, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (input.evictionId && !(await targetExists(trx, 'eviction', input.evictionId))) throw new AppError('legal_case.unknown_target');
    const incident = input.incidentId ? await lookupIncident(trx, input.incidentId) : null;
    if (input.incidentId && !incident) throw new AppError('legal_case.unknown_target');
    const row = await insertCase(trx, {
      organisationId: actor.organisationId, title: input.title, actionType: input.actionType, court: input.court ?? null,
      externalReference: input.externalReference ?? null, summary: input.summary ?? null, openedBy: actor.userId,
    });
    await insertEvent(trx, { organisationId: actor.organisationId, caseId: row.id, kind: 'opened', status: row.status, occurredOn: today(), actorId: actor.userId });
    const link = (target: 'eviction' | 'incident', targetId: string) =>
      insertLink(trx, { organisationId: actor.organisationId, caseId: row.id, target, targetId, note: null, linkedBy: actor.userId });
    if (input.evictionId) await link('eviction', input.evictionId);
    if (incident) {
      await link('incident', incident.id);
      if (incident.evictionId && incident.evictionId !== input.evictionId) await link('eviction', incident.evictionId);
    }
    await recordCaseVersion(trx, actor, row.id, null);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_case.opened', entityType: 'legal_case', entityId: row.id,
      after: {
        title: row.title, actionType: row.action_type, court: row.court,
        evictionId: input.evictionId ?? incident?.evictionId ?? null, incidentId: incident?.id ?? null,
      },
      context: { ip },
    });
    return { id: row.id };
  });
}

export async function listLegalCases(ctx: AppContext, actor: Actor, filter: { evictionId?: string | undefined }, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const rows = await listCases(trx, filter);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_case.listed', entityType: 'legal_case',
      context: { ip, count: rows.length, ...(filter.evictionId && { evictionId: filter.evictionId }) },
    });
    return rows.map(presentCaseSummary);
  });
}

/** The whole case file, from inside a transaction (also used for a lawyer's shared read). */
export async function loadCaseFile(trx: Trx, caseId: string) {
  const row = await findCase(trx, caseId);
  if (!row) throw new AppError('legal_case.not_found');
  return presentCase(row, {
    parties: await caseParties(trx, caseId), links: await caseLinks(trx, caseId), events: await caseEvents(trx, caseId),
    tasks: await caseTasks(trx, caseId), documents: await caseDocuments(trx, caseId), today: today(),
    history: await readHistory(trx, 'legal_case', caseId),
  });
}

export async function readLegalCase(ctx: AppContext, actor: Actor, caseId: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const view = await loadCaseFile(trx, caseId);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'legal_case.read', entityType: 'legal_case', entityId: caseId, context: { ip },
    });
    return view;
  });
}

/** Runs a change on a locked case, records it in the audit trail with the before/after case file. */
export async function changeCaseFile(ctx: AppContext, actor: Actor, caseId: string, action: string, ip: string,
  work: (trx: Trx) => Promise<Record<string, unknown> | void>) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const locked = await findCase(trx, caseId, true);
    if (!locked) throw new AppError('legal_case.not_found');
    const detail = await work(trx);
    await recordCaseVersion(trx, actor, caseId, locked);
    await trx.updateTable('legal_cases').set({ updated_at: new Date() }).where('id', '=', caseId).execute();
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action, entityType: 'legal_case', entityId: caseId,
      after: detail ?? null, context: { ip },
    });
    return loadCaseFile(trx, caseId);
  });
}

export async function changeLegalCase(ctx: AppContext, actor: Actor, caseId: string, input: {
  title?: string | undefined; actionType?: string | undefined; court?: string | null | undefined; externalReference?: string | null | undefined;
  summary?: string | null | undefined;
}, ip: string) {
  return changeCaseFile(ctx, actor, caseId, 'legal_case.changed', ip, async (trx) => {
    const set = {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.actionType !== undefined && { action_type: input.actionType }),
      ...(input.court !== undefined && { court: input.court }),
      ...(input.externalReference !== undefined && { external_reference: input.externalReference }),
      ...(input.summary !== undefined && { summary: input.summary }),
    };
    if (Object.keys(set).length > 0) await updateCase(trx, caseId, set);
    return set;
  });
}

/** A status change, an outcome or a dated note: the case moves and the timeline says when. */
export async function recordCaseEvent(ctx: AppContext, actor: Actor, caseId: string, input: {
  status?: string | undefined; outcome?: string | null | undefined; outcomeNote?: string | null | undefined; note?: string | null | undefined;
  occurredOn?: string | undefined;
}, ip: string) {
  return changeCaseFile(ctx, actor, caseId, 'legal_case.status_recorded', ip, async (trx) => {
    const current = (await findCase(trx, caseId))!;
    const occurredOn = input.occurredOn ?? today();
    const base = { organisationId: actor.organisationId, caseId, occurredOn, actorId: actor.userId, note: input.note ?? null };
    let wrote = false;
    if (input.status !== undefined && input.status !== current.status) {
      await updateCase(trx, caseId, { status: input.status });
      await insertEvent(trx, { ...base, kind: 'status', status: input.status });
      wrote = true;
    }
    if (input.outcome !== undefined && (input.outcome !== current.outcome || input.outcomeNote !== undefined)) {
      await updateCase(trx, caseId, { outcome: input.outcome, ...(input.outcomeNote !== undefined && { outcome_note: input.outcomeNote }) });
      await insertEvent(trx, { ...base, kind: 'outcome', outcome: input.outcome, note: input.outcomeNote ?? input.note ?? null });
      wrote = true;
    }
    if (!wrote && base.note) await insertEvent(trx, { ...base, kind: 'note' });
    return { status: input.status ?? null, outcome: input.outcome ?? null, occurredOn };
  });
}

/** A case's title, for another module pointing at it (a task of the legal pole's board); undefined when absent. */
export async function caseLabel(trx: Trx, id: string): Promise<string | undefined> {
  return (await findCase(trx, id))?.title;
}
