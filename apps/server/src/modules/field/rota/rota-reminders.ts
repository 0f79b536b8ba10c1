import { parisDate, type Locale } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db, Trx } from '../../../platform/db/database.js';
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
 *
 * Someone who joins tomorrow's shift after that evening run (signs up, takes an offered place,
 * or is given one by a coordinator) gets their reminder at once, queued in the same transaction
 * as the sign-up and claimed the same way, so the evening run never sends it twice either.
 */
export const ROTA_REMINDERS_JOB = 'rota.evening-reminders';
export const ROTA_REMINDERS_SCHEDULE = { cron: '0 18 * * *', tz: 'Europe/Paris' };

export type RotaReminderDeps = { db: Db; queue: JobQueue; config: Config };
type MailDeps = Pick<RotaReminderDeps, 'queue' | 'config'>;

/**
 * The clock the late reminder reads. Tests set `now` to an evening rather than wait for one;
 * everything else in the module takes its day as an argument.
 */
export const reminderClock = { now: (): Date => new Date() };
const EVENING_HOUR = 18;

function parisHour(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(at));
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function longDate(day: string, locale: Locale) {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(locale === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** Queues tomorrow's reminders (`today` is yyyy-MM-dd, Paris); returns how many people were mailed. */
export async function sendRotaReminders(deps: RotaReminderDeps, today = parisDate(new Date())): Promise<number> {
  const day = addDays(today, 1);
  return inSystemTransaction(deps.db, async (trx) => {
    return queueReminders(trx, deps, await peopleOnDay(trx, day), day);
  });
}

/**
 * A late sign-up for tomorrow: once the evening run has passed (18:00 Paris), the person is
 * mailed now rather than never. Earlier in the day, the evening run will include them.
 */
export async function remindLateSignUp(trx: Trx, deps: MailDeps, userId: string, day: string): Promise<boolean> {
  const now = reminderClock.now();
  if (day !== addDays(parisDate(now), 1) || parisHour(now) < EVENING_HOUR) return false;
  const rows = (await peopleOnDay(trx, day)).filter((r) => r.user_id === userId);
  return (await queueReminders(trx, deps, rows, day)) > 0;
}

/** One mail per person listing their shifts of `day`, unless their reminder of that day was already claimed. */
async function queueReminders(trx: Trx, deps: MailDeps, rows: ReminderRow[], day: string): Promise<number> {
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
}

export function defineRotaReminders(queue: JobQueue, deps: Omit<RotaReminderDeps, 'queue'>) {
  queue.defineScheduled(ROTA_REMINDERS_JOB, ROTA_REMINDERS_SCHEDULE, async () => {
    await sendRotaReminders({ ...deps, queue });
  });
}
