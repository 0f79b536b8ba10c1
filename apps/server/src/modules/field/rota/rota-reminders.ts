import { parisDate, type Locale } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueMailing } from '../../communication/mailings/mail-pipeline.js';
import { claimReminder, peopleOnDay, type ReminderRow } from './rota.queries.js';

/**
 * The evening before a shift (18:00 Paris time), everyone on the next day's shifts gets one
 * mail in their language through the mail pipeline, listing their shifts and who they go out
 * with. The reminder is claimed (rota_reminders, one per person and day) in the transaction
 * that queues the mail, and the mailing is keyed by that claim: a second run the same evening,
 * or a retried job, sends nothing twice.
 */
export const ROTA_REMINDERS_JOB = 'rota.evening-reminders';
export const ROTA_REMINDERS_SCHEDULE = { cron: '0 18 * * *', tz: 'Europe/Paris' };

export type RotaReminderDeps = { db: Db; queue: JobQueue; config: Config };

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function longDate(day: string, locale: Locale) {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(locale === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** Queues tomorrow's reminders (`today` is yyyy-MM-dd, Paris); returns how many people were mailed. */
export async function sendRotaReminders(deps: RotaReminderDeps, today = parisDate(new Date())): Promise<number> {
  const day = addDays(today, 1);
  return inSystemTransaction(deps.db, async (trx) => {
    const rows = await peopleOnDay(trx, day);
    const byPerson = new Map<string, ReminderRow[]>();
    for (const r of rows) byPerson.set(r.user_id, [...(byPerson.get(r.user_id) ?? []), r]);
    let sent = 0;
    for (const [userId, shifts] of byPerson) {
      const first = shifts[0]!;
      const claim = await claimReminder(trx, first.organisation_id, userId, day);
      if (!claim) continue;
      const locale: Locale = first.locale === 'en' ? 'en' : 'fr';
      const date = longDate(day, locale);
      const lines = shifts.map((s) => translate(`mail.rota_reminder.line_${s.role}`, locale, {
        area: s.area_name,
        team: s.team.length > 0 ? s.team.join(', ') : translate('mail.rota_reminder.nobody', locale),
      }));
      await queueMailing(trx, deps.queue, {
        organisationId: first.organisation_id, purpose: 'transactional', sourceId: claim, listId: null, bulk: false, createdBy: null,
        subject: translate('mail.rota_reminder.subject', locale, { date, area: shifts.map((s) => s.area_name).join(', ') }),
        bodyText: translate('mail.rota_reminder.body', locale, { name: first.name, date, shifts: lines.join('\n'), link: `${deps.config.publicUrl}/rota` }),
        recipients: [{ contactId: null, email: first.email }],
      });
      sent += 1;
    }
    return sent;
  });
}

export function defineRotaReminders(queue: JobQueue, deps: Omit<RotaReminderDeps, 'queue'>) {
  queue.defineScheduled(ROTA_REMINDERS_JOB, ROTA_REMINDERS_SCHEDULE, async () => {
    await sendRotaReminders({ ...deps, queue });
  });
}
