import type { LegalCaseParty } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import type { Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { activeUserExists, deleteCaseItem, findTask, insertLink, insertParty, insertTask, targetExists, updateTask } from './cases.queries.js';
import { changeCaseFile } from './cases.service.js';

/** Parties, links to field records, and tasks of a case. Each change returns the new case file. */

export async function addCaseParty(ctx: AppContext, actor: Actor, caseId: string, input: LegalCaseParty, ip: string) {
  return changeCaseFile(ctx, actor, caseId, 'legal_case.party_added', ip, async (trx) => {
    if (input.kind === 'person' && !(await targetExists(trx, 'person', input.personId))) throw new AppError('legal_case.unknown_target');
    const row = await insertParty(trx, {
      organisationId: actor.organisationId, caseId, kind: input.kind, role: input.role,
      personId: input.kind === 'person' ? input.personId : null,
      name: input.kind === 'person' ? null : input.name,
      contact: input.kind === 'person' ? null : input.contact ?? null,
      note: input.note ?? null,
    });
    if (!row) throw new AppError('legal_case.duplicate_party');
    // The audit keeps who was added, by reference: never a name of an exiled person.
    return { partyId: row.id, kind: input.kind, role: input.role, ...(input.kind === 'person' ? { personId: input.personId } : { name: input.name }) };
  });
}

export async function linkCaseRecord(ctx: AppContext, actor: Actor, caseId: string,
  input: { target: 'eviction' | 'incident' | 'evidence'; id: string; note?: string | null | undefined }, ip: string) {
  return changeCaseFile(ctx, actor, caseId, 'legal_case.linked', ip, async (trx) => {
    if (!(await targetExists(trx, input.target, input.id))) throw new AppError('legal_case.unknown_target');
    const row = await insertLink(trx, { organisationId: actor.organisationId, caseId, target: input.target, targetId: input.id, note: input.note ?? null, linkedBy: actor.userId });
    if (!row) throw new AppError('legal_case.already_linked');
    return { linkId: row.id, target: input.target, targetId: input.id };
  });
}

export async function removeCaseItem(ctx: AppContext, actor: Actor, caseId: string, what: 'party' | 'link' | 'task', id: string, ip: string) {
  const table = what === 'party' ? 'legal_case_parties' : what === 'link' ? 'legal_case_links' : 'legal_case_tasks';
  return changeCaseFile(ctx, actor, caseId, `legal_case.${what}_removed`, ip, async (trx) => {
    const removed = await deleteCaseItem(trx, table, caseId, id);
    if (!removed) throw new AppError('legal_case.item_not_found');
    return { [`${what}Id`]: id, removed };
  });
}

async function requireOwner(trx: Trx, ownerId: string | null | undefined) {
  if (ownerId && !(await activeUserExists(trx, ownerId))) throw new AppError('legal_case.unknown_user');
}

export async function addCaseTask(ctx: AppContext, actor: Actor, caseId: string,
  input: { title: string; ownerId?: string | null | undefined; dueOn?: string | null | undefined }, ip: string) {
  return changeCaseFile(ctx, actor, caseId, 'legal_case.task_added', ip, async (trx) => {
    await requireOwner(trx, input.ownerId);
    const row = await insertTask(trx, {
      organisationId: actor.organisationId, caseId, title: input.title, ownerId: input.ownerId ?? null, dueOn: input.dueOn ?? null, createdBy: actor.userId,
    });
    return { taskId: row.id, title: row.title, ownerId: row.owner_id, dueOn: row.due_on };
  });
}

export async function changeCaseTask(ctx: AppContext, actor: Actor, caseId: string, taskId: string, input: {
  title?: string | undefined; ownerId?: string | null | undefined; dueOn?: string | null | undefined; done?: boolean | undefined;
}, ip: string) {
  return changeCaseFile(ctx, actor, caseId, 'legal_case.task_changed', ip, async (trx) => {
    const task = await findTask(trx, caseId, taskId);
    if (!task) throw new AppError('legal_case.item_not_found');
    await requireOwner(trx, input.ownerId);
    const set = {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
      ...(input.dueOn !== undefined && { due_on: input.dueOn }),
      ...(input.done !== undefined && { done_at: input.done ? (task.done_at ?? new Date()) : null }),
    };
    if (Object.keys(set).length > 0) await updateTask(trx, taskId, set);
    return { taskId, ...input };
  });
}
