import { formatDate, parisDate, type Locale } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueMailing } from '../../communication/mailings/mail-pipeline.js';
import { itemsOfLoans, markReminded, overdueLoans } from './equipment.queries.js';

/**
 * Overdue loans: every morning at 08:15 Paris time the borrower of each loan past its due date is
 * reminded through the mail pipeline (suppression list, send log), the lender in copy, and again
 * every 7 days until it comes back. The mailing is queued in the transaction that marks the loan
 * reminded, so a reminder leaves once.
 */
export const LOAN_REMINDERS_JOB = 'association.loan-reminders';
export const LOAN_REMINDERS_SCHEDULE = { cron: '15 8 * * *', tz: 'Europe/Paris' };

export type LoanReminderDeps = { db: Db; queue: JobQueue; config: Config };

export async function sendLoanReminders(deps: LoanReminderDeps, today = parisDate(new Date())): Promise<number> {
  return inSystemTransaction(deps.db, async (trx) => {
    const due = await overdueLoans(trx, today);
    const items = await itemsOfLoans(trx, due.map((l) => l.id));
    for (const l of due) {
      const locale: Locale = l.borrower_locale === 'en' ? 'en' : 'fr';
      const vars = {
        name: l.borrower_name, dueOn: formatDate(l.due_on!, locale, { year: 'always' }),
        items: items.filter((i) => i.loan_id === l.id).map((i) => `- ${i.label}${i.identifier ? ` (${i.identifier})` : ''}`).join('\n'),
        link: `${deps.config.publicUrl}/association/equipment/mine`,
      };
      await queueMailing(trx, deps.queue, {
        organisationId: l.organisation_id, purpose: 'transactional', sourceId: null, listId: null, bulk: false, createdBy: null,
        subject: translate('mail.loan_overdue.subject', locale, vars), bodyText: translate('mail.loan_overdue.body', locale, vars),
        recipients: [{ contactId: null, email: l.borrower_email }, { contactId: null, email: l.lender_email }],
      });
      await markReminded(trx, l.id, today);
    }
    return due.length;
  });
}

export function defineLoanReminders(queue: JobQueue, deps: Omit<LoanReminderDeps, 'queue'>) {
  queue.defineScheduled(LOAN_REMINDERS_JOB, LOAN_REMINDERS_SCHEDULE, async () => {
    await sendLoanReminders({ ...deps, queue });
  });
}
