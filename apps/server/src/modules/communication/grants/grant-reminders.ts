import { formatDate, parisDate, type Locale } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueMailing } from '../mailings/mail-pipeline.js';
import { dueReportReminders, markReminderSent } from './grants.queries.js';
import './grants.table.js';

/**
 * A reminder N days (per grant, 14 by default) before a report is due, to the person who
 * recorded the grant, through the one mail pipeline. Daily at 07:20 Paris time, like the other
 * reminders (legal deadlines, research agreements); the reporting period is the mailing's source
 * and is marked reminded in the same transaction, so a retried job never mails twice. A changed
 * due date is reminded again (grants.queries updatePeriod).
 */
export const GRANT_REMINDERS_JOB = 'grants.report-reminders';
export const GRANT_REMINDERS_SCHEDULE = { cron: '20 7 * * *', tz: 'Europe/Paris' };

export type GrantReminderDeps = { db: Db; queue: JobQueue; config: Config };

/** Queues the reminders due on `today` (Paris); returns how many were queued. */
export async function sendGrantReminders(deps: GrantReminderDeps, today = parisDate(new Date())): Promise<number> {
  const organisations = await inSystemTransaction(deps.db, async (trx) =>
    (await trx.selectFrom('grant_periods').select('organisation_id').distinct().where('reminder_sent_at', 'is', null).where('report_due_on', '>=', today).execute())
      .map((r) => r.organisation_id));
  let queued = 0;
  for (const organisationId of organisations) {
    await inOrganisation(deps.db, organisationId, async (trx) => {
      for (const r of await dueReportReminders(trx, today)) {
        const locale: Locale = r.locale === 'en' ? 'en' : 'fr';
        const vars = {
          grant: r.title, period: r.label, funder: r.funder_name, dueOn: formatDate(r.report_due_on, locale, { year: 'always' }),
          link: `${deps.config.publicUrl}/communication/grants/${r.grant_id}`,
        };
        if (r.active) {
          await queueMailing(trx, deps.queue, {
            organisationId, purpose: 'transactional', sourceId: r.id, listId: null, bulk: false, createdBy: null,
            subject: translate('mail.grant_report_due.subject', locale, vars), bodyText: translate('mail.grant_report_due.body', locale, vars),
            recipients: [{ contactId: null, email: r.email }],
          });
          queued += 1;
        }
        await markReminderSent(trx, r.id);
      }
    });
  }
  return queued;
}

export function defineGrantReminders(queue: JobQueue, deps: Omit<GrantReminderDeps, 'queue'>) {
  queue.defineScheduled(GRANT_REMINDERS_JOB, GRANT_REMINDERS_SCHEDULE, async () => {
    await sendGrantReminders({ ...deps, queue });
  });
}
