import { formatDate, parisDate, type Locale } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueMailing } from '../../communication/mailings/mail-pipeline.js';
import { markTaskReminded, tasksToRemind } from './tasks.queries.js';

/**
 * Task reminders: every morning at 08:25 Paris time, the assignee of each open task due tomorrow
 * is reminded through the mail pipeline, and again every 7 days while it is late. The mailing is
 * queued in the transaction that marks the task reminded, so a reminder leaves once. (Meeting
 * actions are carried to the next agenda by the meetings module instead.)
 */
export const TASK_REMINDERS_JOB = 'association.task-reminders';
export const TASK_REMINDERS_SCHEDULE = { cron: '25 8 * * *', tz: 'Europe/Paris' };

export type TaskReminderDeps = { db: Db; queue: JobQueue; config: Config };

export async function sendTaskReminders(deps: TaskReminderDeps, today = parisDate(new Date())): Promise<number> {
  return inSystemTransaction(deps.db, async (trx) => {
    const due = await tasksToRemind(trx, today);
    for (const t of due) {
      const locale: Locale = t.locale === 'en' ? 'en' : 'fr';
      const vars = {
        name: t.display_name, title: t.title, dueOn: formatDate(t.due_on!, locale, { year: 'always' }),
        link: `${deps.config.publicUrl}/association/tasks?pole=${t.pole}`,
      };
      await queueMailing(trx, deps.queue, {
        organisationId: t.organisation_id, purpose: 'transactional', sourceId: null, listId: null, bulk: false, createdBy: null,
        subject: translate(t.due_on! < today ? 'mail.task_due.subject_late' : 'mail.task_due.subject', locale, vars),
        bodyText: translate('mail.task_due.body', locale, vars), recipients: [{ contactId: null, email: t.email }],
      });
      await markTaskReminded(trx, t.id, today);
    }
    return due.length;
  });
}

export function defineTaskReminders(queue: JobQueue, deps: Omit<TaskReminderDeps, 'queue'>) {
  queue.defineScheduled(TASK_REMINDERS_JOB, TASK_REMINDERS_SCHEDULE, async () => {
    await sendTaskReminders({ ...deps, queue });
  });
}
