import { differenceInCalendarDays, format } from 'date-fns';
import { parisDate, type Locale } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueOneMail } from '../../communication/mailings/mail-pipeline.js';
import { parseCalendarDate } from './compute-deadline.js';
import { dueReminders, recordRemindersSent } from './deadlines.queries.js';

/**
 * Email reminders N days before a deadline (N per rule, adjustable per deadline). pg-boss sends
 * the job every morning at 07:00 Paris time; the job mails through the one mail pipeline (a notification), in
 * the same transaction that records the reminder as sent, so a reminder is mailed once.
 */
export const DEADLINE_REMINDERS_JOB = 'legal.deadline-reminders';
export const DEADLINE_REMINDERS_SCHEDULE = { cron: '0 7 * * *', tz: 'Europe/Paris' };

export type ReminderDeps = { db: Db; queue: JobQueue; config: Config };

function when(days: number, locale: Locale) {
  if (days === 0) return translate('mail.deadline_reminder.today', locale);
  if (days === 1) return translate('mail.deadline_reminder.tomorrow', locale);
  return translate('mail.deadline_reminder.in_days', locale, { days });
}

/** Sends the reminders due on `today` (yyyy-MM-dd, Paris); returns how many mails were queued. */
export async function sendDeadlineReminders(deps: ReminderDeps, today = parisDate(new Date())): Promise<number> {
  return inSystemTransaction(deps.db, async (trx) => {
    const due = await dueReminders(trx, today);
    for (const r of due) {
      const locale: Locale = r.locale === 'en' ? 'en' : 'fr';
      const days = differenceInCalendarDays(parseCalendarDate(r.due_on), parseCalendarDate(today));
      const date = format(parseCalendarDate(r.due_on), 'dd/MM/yyyy');
      await queueOneMail(trx, deps, {
        organisationId: r.organisation_id, purpose: 'transactional', to: r.email,
        subject: translate('mail.deadline_reminder.subject', locale, { when: when(days, locale), label: r.label, case: r.case_title }),
        text: translate('mail.deadline_reminder.body', locale, {
          case: r.case_title, label: r.label, date, when: when(days, locale), source: r.source_note ?? '—',
          link: `${deps.config.publicUrl}/legal/cases/${r.case_id}`,
        }),
      });
      await recordRemindersSent(trx, { deadlineId: r.deadline_id, organisationId: r.organisation_id, recipientId: r.recipient_id, days: r.days });
    }
    return due.length;
  });
}

export function defineDeadlineReminders(queue: JobQueue, deps: Omit<ReminderDeps, 'queue'>) {
  queue.defineScheduled(DEADLINE_REMINDERS_JOB, DEADLINE_REMINDERS_SCHEDULE, async () => {
    await sendDeadlineReminders({ ...deps, queue });
  });
}
