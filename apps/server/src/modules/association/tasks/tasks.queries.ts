import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { HouseTasksTable } from './tasks.table.js';
import './tasks.table.js';

const taskSelect = (db: Executor) => db.selectFrom('house_tasks as t').leftJoin('users as u', 'u.id', 't.assignee_id')
  .selectAll('t').select('u.display_name as assignee_name');
export type TaskRow = Awaited<ReturnType<typeof findTask>> & object;

export async function findTask(db: Executor, id: string) {
  return taskSelect(db).where('t.id', '=', id).executeTakeFirst();
}
/** A pole's board: everything not done, and what was done in the last 30 days. */
export async function tasksOfPole(db: Executor, pole: string) {
  return taskSelect(db).where('t.pole', '=', pole)
    .where((eb) => eb.or([eb('t.done_at', 'is', null), eb('t.done_at', '>', sql<Date>`now() - interval '30 days'`)]))
    .orderBy(sql`t.due_on NULLS LAST`).orderBy('t.created_at').execute();
}
/** A person's tasks (every pole, or only those listed) not done, or done in the last 30 days. */
export async function tasksOfAssignee(db: Executor, userId: string, poles: readonly string[]) {
  if (poles.length === 0) return [];
  return taskSelect(db).where('t.assignee_id', '=', userId).where('t.pole', 'in', poles)
    .where((eb) => eb.or([eb('t.done_at', 'is', null), eb('t.done_at', '>', sql<Date>`now() - interval '30 days'`)]))
    .orderBy(sql`t.due_on NULLS LAST`).execute();
}
export async function insertTask(db: Executor, v: Insertable<HouseTasksTable>) {
  return db.insertInto('house_tasks').values(v).returning('id').executeTakeFirstOrThrow();
}
/** The task carrying a meeting action, if any. */
export async function taskOfAction(db: Executor, actionId: string) {
  return taskSelect(db).where('t.meeting_action_id', '=', actionId).executeTakeFirst();
}
/** Which of these meeting actions a task carries (those then show on the board as the task). */
export async function actionsWithTask(db: Executor, actionIds: readonly string[]) {
  if (actionIds.length === 0) return [];
  return db.selectFrom('house_tasks').select(['id', 'meeting_action_id', 'pole']).where('meeting_action_id', 'in', actionIds).execute();
}
export async function updateTask(db: Executor, id: string, v: Updateable<HouseTasksTable>) {
  await db.updateTable('house_tasks').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export async function setTaskStatus(db: Executor, id: string, status: string) {
  await db.updateTable('house_tasks').set({ status, done_at: status === 'done' ? new Date() : null, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Open tasks due by tomorrow whose assignee was not reminded in the last 7 days: the day before, then weekly while late (a system job). */
export async function tasksToRemind(db: Executor, today: string) {
  return db.selectFrom('house_tasks as t').innerJoin('users as u', 'u.id', 't.assignee_id')
    .select(['t.id', 't.organisation_id', 't.title', 't.due_on', 't.pole', 'u.email', 'u.locale', 'u.display_name'])
    .where('t.status', '<>', 'done').where('u.active', '=', true).where('t.due_on', '<=', sql<string>`${today}::date + 1`)
    .where((eb) => eb.or([eb('t.reminded_on', 'is', null), eb('t.reminded_on', '<=', sql<string>`${today}::date - 7`)]))
    .orderBy('t.due_on').execute();
}
export async function markTaskReminded(db: Executor, id: string, today: string) {
  await db.updateTable('house_tasks').set({ reminded_on: today }).where('id', '=', id).execute();
}
