import { sql } from 'kysely';
import { parisDate } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueOneMail } from '../mailings/mail-pipeline.js';
import './research.table.js';

/**
 * Before a data-sharing agreement ends (14 days), its recipient and the person who recorded it
 * are reminded; once it has ended, the recipient is told that the links stopped and that the
 * data are to be deleted as agreed. Daily at 07:10 Paris time; each mail is queued in the same
 * transaction that marks it sent, so it leaves once.
 */
export const AGREEMENT_REMINDERS_JOB = 'research.agreement-reminders';
export const AGREEMENT_REMINDERS_SCHEDULE = { cron: '10 7 * * *', tz: 'Europe/Paris' };
export const REMIND_DAYS_BEFORE = 14;

export type AgreementReminderDeps = { db: Db; queue: JobQueue; config: Config };

export async function sendAgreementReminders(deps: AgreementReminderDeps, today = parisDate(new Date())): Promise<number> {
  return inSystemTransaction(deps.db, async (trx) => {
    const due = await trx.selectFrom('research_agreements as a').innerJoin('users as u', 'u.id', 'a.created_by')
      .select(['a.id', 'a.organisation_id', 'a.recipient_name', 'a.recipient_email', 'a.institution', 'a.ends_on', 'a.reminder_sent_at', 'a.ended_notice_sent_at', 'u.email as staff_email'])
      .where((eb) => eb.or([
        eb.and([eb('a.reminder_sent_at', 'is', null), eb('a.ends_on', '>=', today), eb('a.ends_on', '<=', sql<string>`${today}::date + ${REMIND_DAYS_BEFORE}::int`)]),
        eb.and([eb('a.ended_notice_sent_at', 'is', null), eb('a.ends_on', '<', today)]),
      ])).execute();
    let sent = 0;
    for (const a of due) {
      const ended = a.ends_on < today;
      const kind = ended ? 'ended' : 'ending';
      const vars = { name: a.recipient_name, institution: a.institution, endsOn: a.ends_on };
      for (const to of ended ? [a.recipient_email] : [a.recipient_email, a.staff_email]) {
        await queueOneMail(trx, deps, {
          organisationId: a.organisation_id, purpose: 'transactional', to, subject: translate(`mail.research_agreement_${kind}.subject`, 'fr', vars), text: translate(`mail.research_agreement_${kind}.body`, 'fr', vars),
        });
        sent += 1;
      }
      await trx.updateTable('research_agreements').set(ended ? { ended_notice_sent_at: new Date(), ...(a.reminder_sent_at ? {} : { reminder_sent_at: new Date() }) } : { reminder_sent_at: new Date() })
        .where('id', '=', a.id).execute();
    }
    return sent;
  });
}

export function defineAgreementReminders(queue: JobQueue, deps: Omit<AgreementReminderDeps, 'queue'>) {
  queue.defineScheduled(AGREEMENT_REMINDERS_JOB, AGREEMENT_REMINDERS_SCHEDULE, async () => {
    await sendAgreementReminders({ ...deps, queue });
  });
}
