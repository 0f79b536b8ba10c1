import { isRole, parisDate, type ChecklistKind, type PersonChecklistsView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Executor } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { memberInAnyState } from '../equipment/equipment.service.js';
import { listHouseLoans } from '../equipment/loans.service.js';
import { internshipDatesOf } from '../internships/internships.service.js';
import { ensureDefaultTemplates } from './checklist-templates.service.js';
import { findItem, holdersOf, insertItems, itemsOf, matchingTasks, maxPosition, rolesOf, setDone } from './checklists.queries.js';

/**
 * Onboarding and offboarding checklists (issue 18, item 6), on the person's page, for those who
 * run the association (association.manage). A checklist is started from the templates matching the
 * person's roles (checklist-templates.service): each task copied with its due day — the arrival
 * (onboarding) or departure (offboarding) day plus the task's relative day, in Europe/Paris — and
 * its assignee (the first active member, by name, holding the task's role). Each item is ticked
 * (who, when) or unticked, every change audited. Rows started before templates keep their fixed
 * item code, no due day and no assignee. What the person still holds comes
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
  const today = parisDate(new Date());
  return {
    person: who,
    checklists: kinds.map((kind) => ({
      kind, items: rows.filter((r) => r.kind === kind).map((r) => ({
        id: r.id, item: r.item, label: r.label, done: r.done_at !== null, doneAt: r.done_at?.toISOString() ?? null, doneBy: r.done_by_name ?? null,
        dueOn: r.due_on, overdue: r.done_at === null && r.due_on !== null && r.due_on < today,
        assigneeRole: r.assignee_role !== null && isRole(r.assignee_role) ? r.assignee_role : null, assignee: r.assignee_name ?? null,
      })),
    })),
    openLoans: loans,
  };
}

/** The day the checklist counts from: the one given, else the internship's start (arrival) or end (departure), else today in Paris. */
async function referenceDay(trx: Executor, personId: string, kind: ChecklistKind, given: string | undefined): Promise<string> {
  if (given) return given;
  const internships = await internshipDatesOf(trx, personId);
  const days = internships.map((i) => (kind === 'onboarding' ? i.startsOn : i.endsOn)).sort();
  return days.at(-1) ?? parisDate(new Date());
}

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function startChecklist(ctx: AppContext, actor: Actor, personId: string, kind: ChecklistKind, ip: string, date?: string) {
  await inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await person(trx, personId);
    await ensureDefaultTemplates(trx, actor.organisationId);
    const roles = await rolesOf(trx, personId);
    const tasks = await matchingTasks(trx, kind, roles);
    const day = await referenceDay(trx, personId, kind, date);
    const holders = await holdersOf(trx, [...new Set(tasks.flatMap((t) => (t.assignee_role ? [t.assignee_role] : [])))]);
    // A fixed item code appears once even when two templates carry it (the default one comes first).
    const codes = new Set<string>();
    const start = (await maxPosition(trx, personId, kind)) + 1;
    const rows = tasks.filter((t) => !t.code || (!codes.has(t.code) && codes.add(t.code))).map((t, i) => {
      const holder = t.assignee_role ? holders.get(t.assignee_role) : undefined;
      return {
        organisation_id: actor.organisationId, person_id: personId, kind, item: t.code, label: t.label, position: start + i, created_by: actor.userId,
        template_task_id: t.id, due_on: plusDays(day, t.relative_day), assignee_role: t.assignee_role, assignee_id: holder?.id ?? null,
      };
    });
    await insertItems(trx, rows);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'checklist.started', entityType: 'user', entityId: personId,
      after: { kind, from: day, roles }, context: { ip },
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
