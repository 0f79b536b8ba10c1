import {
  can, parisDate, TASK_POLES, taskLinkPath, type ActionView, type MeetingView, type Roles, type TaskBoard, type TaskChange, type TaskFromAction, type TaskInput,
  type TaskPole, type TaskStatus, type TaskView,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Executor, Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { campaignLabel } from '../../communication/campaigns/campaigns.service.js';
import { caseLabel } from '../../legal/cases/cases.service.js';
import { activeMember } from '../equipment/equipment.service.js';
import { actionForBoard, completeActionIn, followTaskStatus } from '../meetings/decisions.service.js';
import { checklistLinkLabel } from '../checklists/checklists.service.js';
import { actionsOwnedBy, decisionLabel } from '../meetings/meetings.service.js';
import { actionsWithTask, findTask, insertTask, setTaskStatus, taskOfAction, tasksOfAssignee, tasksOfPole, updateTask, type TaskRow } from './tasks.queries.js';

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
  actionId: t.meeting_action_id,
});
const presentAction = (a: ActionView, today: string): TaskView => ({
  id: a.id, source: 'meeting_action', pole: 'association', title: a.title, notes: '', status: a.doneAt ? 'done' : 'todo',
  assigneeId: a.ownerId, assigneeName: a.ownerName, dueOn: a.dueOn,
  link: { kind: 'meeting', id: a.meetingId, label: '', path: taskLinkPath('meeting', a.meetingId) },
  overdue: !a.doneAt && a.dueOn < today,
  actionId: a.id,
});

export async function poleBoard(ctx: AppContext, actor: Actor, pole: TaskPole): Promise<TaskBoard> {
  checkPole(actor, pole);
  const today = parisDate(new Date());
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({ pole, tasks: (await tasksOfPole(trx, pole)).map((t) => presentTask(t, today)) }));
}

/** What one person has to do, on every board they may see, with the meeting actions they own. */
export async function myTasks(trx: Executor, who: { userId: string; roles: Roles }, today: string): Promise<TaskView[]> {
  const [tasks, actions] = await Promise.all([tasksOfAssignee(trx, who.userId, visiblePoles(who)), actionsOwnedBy(trx, who.userId)]);
  // An action carried by one of these tasks shows once, as the task.
  const carried = new Set(tasks.map((t) => t.meeting_action_id));
  return [...tasks.map((t) => presentTask(t, today)), ...actions.filter((a) => !carried.has(a.id)).map((a) => presentAction(a, today))]
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
  if (link.kind === 'checklist') label = await checklistLinkLabel(trx, link.id);
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

/** A column change, as the board's one-tap move. */
export async function moveTask(ctx: AppContext, actor: Actor, id: string, status: TaskStatus, ip: string): Promise<TaskView> {
  return editTask(ctx, actor, id, { status }, ip);
}

/**
 * A task edited by any member who sees its board: title, description, assignee, due date, column.
 * Only what changed is written and audited (before and after); a new due date is reminded afresh.
 * A task carrying a meeting action moves the action with it (done leaves the next agendas).
 */
export async function editTask(ctx: AppContext, actor: Actor, id: string, change: TaskChange, ip: string): Promise<TaskView> {
  if (change.title !== undefined && !change.title) throw new AppError('task.title_missing');
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const t = await findTask(trx, id);
    if (!t) throw new AppError('task.not_found');
    checkPole(actor, t.pole);
    const was: Record<string, unknown> = {};
    const now: Record<string, unknown> = {};
    const differs = <K extends 'title' | 'notes' | 'assignee_id' | 'due_on' | 'status'>(column: K, key: string, value: TaskRow[K] | undefined) => {
      if (value === undefined || value === t[column]) return false;
      was[key] = t[column];
      now[key] = value;
      return true;
    };
    differs('title', 'title', change.title);
    differs('notes', 'notes', change.notes);
    if (differs('assignee_id', 'assigneeId', change.assigneeId) && change.assigneeId && !(await activeMember(trx, change.assigneeId))) {
      throw new AppError('loan.unknown_person');
    }
    const newDue = differs('due_on', 'dueOn', change.dueOn);
    const moved = differs('status', 'status', change.status);
    if (Object.keys(now).length > 0) {
      await updateTask(trx, id, {
        ...(change.title !== undefined ? { title: change.title } : {}), ...(change.notes !== undefined ? { notes: change.notes } : {}),
        ...(change.assigneeId !== undefined ? { assignee_id: change.assigneeId } : {}), ...(newDue ? { due_on: change.dueOn, reminded_on: null } : {}),
        ...(moved ? { status: change.status, done_at: change.status === 'done' ? new Date() : null } : {}),
      });
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: moved && Object.keys(now).length === 1 ? 'task.moved' : 'task.edited',
        entityType: 'house_task', entityId: id, before: was, after: now, context: { ip },
      });
      if (moved && t.meeting_action_id) await followTaskStatus(trx, actor, t.meeting_action_id, change.status === 'done', id, ip);
    }
    return presentTask((await findTask(trx, id))!, parisDate(new Date()));
  });
}

/**
 * A meeting action put on a pole's board (by whoever runs meetings, or its owner): it becomes a
 * task once — same title, assigned to the owner, due the same day — linked back to its decision
 * (to its meeting when it answers none). From then on the task's column moves the action.
 */
export async function taskFromAction(ctx: AppContext, actor: Actor, input: TaskFromAction, mayManageMeetings: boolean, ip: string): Promise<TaskView> {
  checkPole(actor, input.pole);
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const found = await actionForBoard(trx, input.actionId);
    if (!found) throw new AppError('action.not_found');
    const { action } = found;
    if (!mayManageMeetings && action.ownerId !== actor.userId) throw new AppError('auth.forbidden');
    const existing = await taskOfAction(trx, action.id);
    if (existing) throw new AppError('task.action_already_on_board', { title: existing.title });
    const link = action.decisionId
      ? { kind: 'decision', id: action.decisionId, label: found.decisionText ?? '' }
      : { kind: 'meeting', id: action.meetingId, label: found.meetingTitle };
    const { id } = await insertTask(trx, {
      organisation_id: actor.organisationId, pole: input.pole, title: action.title, assignee_id: action.ownerId, due_on: action.dueOn,
      status: action.doneAt ? 'done' : 'todo', done_at: action.doneAt ? new Date(action.doneAt) : null,
      link_kind: link.kind, link_id: link.id, link_label: link.label.length > 300 ? `${link.label.slice(0, 299)}…` : link.label,
      meeting_action_id: action.id, created_by: actor.userId,
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'task.created', entityType: 'house_task', entityId: id,
      after: { pole: input.pole, assigneeId: action.ownerId, dueOn: action.dueOn, actionId: action.id, link: { kind: link.kind, id: link.id } }, context: { ip },
    });
    return presentTask((await findTask(trx, id))!, parisDate(new Date()));
  });
}

/** Which of these meeting actions are on a board, and where (the meeting page shows it). */
export async function boardsOfActions(ctx: AppContext, actor: Actor, actionIds: readonly string[]) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => ({
    tasks: (await actionsWithTask(trx, actionIds)).map((t) => ({ actionId: t.meeting_action_id!, taskId: t.id, pole: t.pole as TaskPole })),
  }));
}

/** An action marked done (meeting page, "mine"): the task carrying it, if any, moves to done in the same transaction. */
export async function completeMeetingAction(ctx: AppContext, actor: Actor, id: string, mayManage: boolean, ip: string): Promise<MeetingView> {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const view = await completeActionIn(trx, actor, id, mayManage, ip);
    const task = await taskOfAction(trx, id);
    if (task && task.status !== 'done') {
      await setTaskStatus(trx, task.id, 'done');
      await recordAudit(trx, {
        organisationId: actor.organisationId, actorId: actor.userId, action: 'task.moved', entityType: 'house_task', entityId: task.id,
        before: { status: task.status }, after: { status: 'done' }, context: { ip, actionId: id },
      });
    }
    return view;
  });
}
