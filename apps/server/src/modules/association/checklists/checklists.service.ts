import { CHECKLIST_TEMPLATES, type ChecklistKind, type PersonChecklistsView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { memberInAnyState } from '../equipment/equipment.service.js';
import { listHouseLoans } from '../equipment/loans.service.js';
import { findItem, insertItems, itemsOf, setDone } from './checklists.queries.js';

/**
 * Onboarding and offboarding checklists (issue 18, item 6), on the person's page, for those who
 * run the association (association.manage). A checklist is started from its fixed template; each
 * item is ticked (who, when) or unticked, every change audited. What the person still holds comes
 * from the house's loans (issue 19's service): offboarding's "equipment returned" cannot be ticked
 * while a loan is out.
 */
async function person(trx: Executor, id: string) {
  const p = await memberInAnyState(trx, id);
  if (!p) throw new AppError('checklist.person_not_found');
  return { id: p.id, displayName: p.display_name, active: p.active };
}

/** The house's open loans to the person, asked of its service (its own read, outside any transaction of ours). */
async function openLoansOf(ctx: AppContext, actor: Actor, personId: string) {
  return (await listHouseLoans(ctx, actor, { borrowerId: personId, open: true })).loans;
}

/** What a task linked to a person's checklists shows: their name, once a checklist of theirs is started (else undefined: no such link). */
export async function checklistLinkLabel(trx: Executor, personId: string): Promise<string | undefined> {
  if ((await itemsOf(trx, personId)).length === 0) return undefined;
  return (await memberInAnyState(trx, personId))?.display_name;
}

export async function personChecklists(ctx: AppContext, actor: Actor, personId: string): Promise<PersonChecklistsView> {
  const { who, rows } = await inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ who: await person(trx, personId), rows: await itemsOf(trx, personId) }));
  const kinds = (['onboarding', 'offboarding'] as const).filter((k) => rows.some((r) => r.kind === k));
  const loans = await openLoansOf(ctx, actor, personId);
  return {
    person: who,
    checklists: kinds.map((kind) => ({
      kind, items: rows.filter((r) => r.kind === kind).map((r) => ({
        id: r.id, item: r.item, done: r.done_at !== null, doneAt: r.done_at?.toISOString() ?? null, doneBy: r.done_by_name ?? null,
      })),
    })),
    openLoans: loans,
  };
}

export async function startChecklist(ctx: AppContext, actor: Actor, personId: string, kind: ChecklistKind, ip: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await person(trx, personId);
    await insertItems(trx, CHECKLIST_TEMPLATES[kind].map((item, position) => ({
      organisation_id: actor.organisationId, person_id: personId, kind, item, position, created_by: actor.userId,
    })));
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'checklist.started', entityType: 'user', entityId: personId,
      after: { kind }, context: { ip },
    });
  });
  return personChecklists(ctx, actor, personId);
}

export async function tickChecklistItem(ctx: AppContext, actor: Actor, itemId: string, done: boolean, ip: string) {
  const personId = await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const item = await findItem(trx, itemId);
    if (!item) throw new AppError('checklist.item_not_found');
    return item.person_id;
  });
  const stillOut = done ? await openLoansOf(ctx, actor, personId) : [];
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const item = (await findItem(trx, itemId))!;
    if (done && item.item === 'equipment_returned' && stillOut.length > 0) throw new AppError('checklist.equipment_still_out', { count: stillOut.length });
    await setDone(trx, itemId, done ? actor.userId : null);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: done ? 'checklist.item_done' : 'checklist.item_undone',
      entityType: 'user', entityId: item.person_id, after: { kind: item.kind, item: item.item }, context: { ip },
    });
  });
  return personChecklists(ctx, actor, personId);
}
