import { can, parisDate, TASK_POLES, taskLinkPath, type ActionView, type Roles, type TaskBoard, type TaskInput, type TaskPole, type TaskStatus, type TaskView } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Executor, Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { campaignLabel } from '../../communication/campaigns/campaigns.service.js';
import { caseLabel } from '../../legal/cases/cases.service.js';
import { activeMember } from '../equipment/equipment.service.js';
import { actionsOwnedBy, decisionLabel } from '../meetings/meetings.service.js';
import { findTask, insertTask, setTaskStatus, tasksOfAssignee, tasksOfPole, type TaskRow } from './tasks.queries.js';

/**
 * Task boards (issue 19): one per pole (to do, in progress, done) for staff, interns and
 * volunteers. A task may point to a decision of the meetings log, a campaign or a legal case; the
 * target is checked — and its label read — through the owning module's service. The legal pole's
 * board, where case titles appear, is for the legal pole only (legal.manage). A person's own
 * board ("mine") also shows the meeting actions they own, read from the meetings module.
 */
const visiblePoles = (who: { roles: Roles }): TaskPole[] => TASK_POLES.filter((p) => p !== 'legal' || can(who.roles, 'legal.manage'));
function checkPole(actor: Actor, pole: string) {
  if (!visiblePoles(actor).includes(pole as TaskPole)) throw new AppError('task.pole_forbidden');
}

const presentTask = (t: TaskRow, today: string): TaskView => ({
  id: t.id, source: 'task', pole: t.pole as TaskPole, title: t.title, notes: t.notes, status: t.status as TaskStatus,
  assigneeId: t.assignee_id, assigneeName: t.assignee_name, dueOn: t.due_on,
  link: t.link_kind && t.link_id
    ? { kind: t.link_kind as 'decision', id: t.link_id, label: t.link_label ?? '', path: taskLinkPath(t.link_kind as 'decision', t.link_id) } : null,
  overdue: t.status !== 'done' && t.due_on !== null && t.due_on < today,
});
const presentAction = (a: ActionView, today: string): TaskView => ({
  id: a.id, source: 'meeting_action', pole: 'association', title: a.title, notes: '', status: a.doneAt ? 'done' : 'todo',
  assigneeId: a.ownerId, assigneeName: a.ownerName, dueOn: a.dueOn,
  link: { kind: 'meeting', id: a.meetingId, label: '', path: taskLinkPath('meeting', a.meetingId) },
  overdue: !a.doneAt && a.dueOn < today,
});

export async function poleBoard(ctx: AppContext, actor: Actor, pole: TaskPole): Promise<TaskBoard> {
  checkPole(actor, pole);
  const today = parisDate(new Date());
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ pole, tasks: (await tasksOfPole(trx, pole)).map((t) => presentTask(t, today)) }));
}

/** What one person has to do, on every board they may see, with the meeting actions they own. */
export async function myTasks(trx: Executor, who: { userId: string; roles: Roles }, today: string): Promise<TaskView[]> {
  const [tasks, actions] = await Promise.all([tasksOfAssignee(trx, who.userId, visiblePoles(who)), actionsOwnedBy(trx, who.userId)]);
  return [...tasks.map((t) => presentTask(t, today)), ...actions.map((a) => presentAction(a, today))]
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
}

export async function myBoard(ctx: AppContext, actor: Actor): Promise<TaskBoard> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ pole: null, tasks: await myTasks(trx, actor, parisDate(new Date())) }));
}

/** The link's label, read from its module; refused when it does not exist (or is a case outside the legal board). */
async function linkLabel(trx: Trx, actor: Actor, input: TaskInput): Promise<string | null> {
  const link = input.link;
  if (!link) return null;
  let label: string | undefined;
  if (link.kind === 'decision') label = await decisionLabel(trx, link.id);
  if (link.kind === 'campaign') label = await campaignLabel(trx, link.id);
  if (link.kind === 'case') {
    if (input.pole !== 'legal' || !can(actor.roles, 'legal.manage')) throw new AppError('task.case_outside_legal');
    label = await caseLabel(trx, link.id);
  }
  if (label === undefined) throw new AppError('task.unknown_link');
  return label.length > 300 ? `${label.slice(0, 299)}…` : label;
}

export async function createTask(ctx: AppContext, actor: Actor, input: TaskInput, ip: string): Promise<TaskView> {
  if (!input.title) throw new AppError('task.title_missing');
  checkPole(actor, input.pole);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (input.assigneeId && !(await activeMember(trx, input.assigneeId))) throw new AppError('loan.unknown_person');
    const label = await linkLabel(trx, actor, input);
    const { id } = await insertTask(trx, {
      organisation_id: actor.organisationId, pole: input.pole, title: input.title, notes: input.notes, assignee_id: input.assigneeId, due_on: input.dueOn,
      link_kind: input.link?.kind ?? null, link_id: input.link?.id ?? null, link_label: label, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'task.created', entityType: 'house_task', entityId: id,
      after: { pole: input.pole, assigneeId: input.assigneeId, dueOn: input.dueOn, link: input.link }, context: { ip },
    });
    return presentTask((await findTask(trx, id))!, parisDate(new Date()));
  });
}

export async function moveTask(ctx: AppContext, actor: Actor, id: string, status: TaskStatus, ip: string): Promise<TaskView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const before = await findTask(trx, id);
    if (!before) throw new AppError('task.not_found');
    checkPole(actor, before.pole);
    if (before.status !== status) {
      await setTaskStatus(trx, id, status);
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'task.moved', entityType: 'house_task', entityId: id,
        before: { status: before.status }, after: { status }, context: { ip },
      });
    }
    return presentTask((await findTask(trx, id))!, parisDate(new Date()));
  });
}
