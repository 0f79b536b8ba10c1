import { can, formatDate, parisDate, ROLES, VEHICLE_PAPERS_WARNING_DAYS, type Locale } from '@vigie/domain';
import type { Config } from '../../../config.js';
import type { Db } from '../../../platform/db/database.js';
import { inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueMailing } from '../../communication/mailings/mail-pipeline.js';
import { houseKeepers, markPapersReminded, papersToRemind } from './vehicles.queries.js';

/**
 * Insurance and contrôle technique: every morning at 08:20 Paris time, each vehicle whose paper
 * lapses within 30 days (or has lapsed) is announced to those who keep the house (house.manage),
 * through the mail pipeline, then again every 7 days until the date is renewed. The mailing is
 * queued in the transaction that marks the paper reminded, so a reminder leaves once.
 */
export const VEHICLE_REMINDERS_JOB = 'association.vehicle-reminders';
export const VEHICLE_REMINDERS_SCHEDULE = { cron: '20 8 * * *', tz: 'Europe/Paris' };
const KEEPER_ROLES = ROLES.filter((r) => can(r, 'house.manage'));

export type VehicleReminderDeps = { db: Db; queue: JobQueue; config: Config };

export async function sendVehicleReminders(deps: VehicleReminderDeps, today = parisDate(new Date())): Promise<number> {
  const limit = new Date(Date.parse(`${today}T12:00:00Z`) + VEHICLE_PAPERS_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
  return inSystemTransaction(deps.db, async (trx) => {
    const due = await papersToRemind(trx, today, limit);
    for (const p of due) {
      const keepers = await houseKeepers(trx, p.organisation_id, KEEPER_ROLES);
      for (const k of keepers) {
        const locale: Locale = k.locale === 'en' ? 'en' : 'fr';
        const vars = {
          vehicle: `${p.label}${p.identifier ? ` (${p.identifier})` : ''}`, until: formatDate(p.until, locale, { year: 'always' }),
          paper: translate(`mail.vehicle_papers.${p.which}`, locale), link: `${deps.config.publicUrl}/association/vehicles`,
        };
        await queueMailing(trx, deps.queue, {
          organisationId: p.organisation_id, purpose: 'transactional', sourceId: null, listId: null, bulk: false, createdBy: null,
          subject: translate('mail.vehicle_papers.subject', locale, vars), bodyText: translate('mail.vehicle_papers.body', locale, vars),
          recipients: [{ contactId: null, email: k.email }],
        });
      }
      await markPapersReminded(trx, p.item_id, p.which, today);
    }
    return due.length;
  });
}

export function defineVehicleReminders(queue: JobQueue, deps: Omit<VehicleReminderDeps, 'queue'>) {
  queue.defineScheduled(VEHICLE_REMINDERS_JOB, VEHICLE_REMINDERS_SCHEDULE, async () => {
    await sendVehicleReminders({ ...deps, queue });
  });
}
