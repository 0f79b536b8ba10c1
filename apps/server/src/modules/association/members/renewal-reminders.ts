import { sql } from 'kysely';
import { formatDate, parisDate, type MembershipReminderSettings } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { inOrganisation, inSystemTransaction } from '../../../platform/db/organisation-scope.js';
import type { Actor } from '../../../platform/http/request-context.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { queueMailing } from '../../communication/mailings/mail-pipeline.js';
import './members.table.js';

/**
 * Membership renewal reminders. A membership runs for its calendar year (dues are recorded per
 * year), so it ends on 31 December. Every morning at 08:30 Paris time, in each organisation that
 * enabled them, members with an address whose latest membership ends within the chosen number of
 * days are mailed through the pipeline — once per membership year: the claim in
 * `membership_reminders` is taken in the transaction that queues the mail.
 */
export const MEMBERSHIP_REMINDERS_JOB = 'association.membership-reminders';
export const MEMBERSHIP_REMINDERS_SCHEDULE = { cron: '30 8 * * *', tz: 'Europe/Paris' };
const DEFAULTS: MembershipReminderSettings = { enabled: false, daysBefore: 30 };

async function settingsRow(db: Executor) {
  return db.selectFrom('membership_reminder_settings').select(['enabled', 'days_before']).executeTakeFirst();
}

export async function membershipReminderSettings(ctx: AppContext, actor: Actor): Promise<MembershipReminderSettings> {
  const row = await inOrganisation(ctx.db, actor.organisationId, settingsRow);
  return row ? { enabled: row.enabled, daysBefore: row.days_before } : DEFAULTS;
}

export async function saveMembershipReminderSettings(ctx: AppContext, actor: Actor, input: MembershipReminderSettings, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const values = { enabled: input.enabled, days_before: input.daysBefore, updated_by: actor.userId, updated_at: new Date() };
    await trx.insertInto('membership_reminder_settings').values({ organisation_id: actor.organisationId, ...values })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values)).execute();
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'membership_reminders.settings_changed', entityType: 'organisation',
      entityId: actor.organisationId, after: input, context: { ip },
    });
    return input;
  });
}

type Due = { member_id: string; organisation_id: string; organisation_name: string; full_name: string; email: string; year: number };

/** Members to remind on `today`, every organisation: latest membership ends within the window, not yet reminded for that year. */
async function dueReminders(db: Executor, today: string): Promise<Due[]> {
  const { rows } = await sql<Due>`
    SELECT m.id AS member_id, m.organisation_id, o.name AS organisation_name, m.full_name, m.email, last.year
    FROM members m
    JOIN organisations o ON o.id = m.organisation_id
    JOIN membership_reminder_settings s ON s.organisation_id = m.organisation_id AND s.enabled
    JOIN LATERAL (SELECT max(ms.year) AS year FROM memberships ms WHERE ms.member_id = m.id) last ON last.year IS NOT NULL
    WHERE m.email IS NOT NULL AND m.email <> ''
      AND make_date(last.year, 12, 31) >= ${today}::date
      AND make_date(last.year, 12, 31) - ${today}::date <= s.days_before
      AND NOT EXISTS (SELECT 1 FROM membership_reminders r WHERE r.member_id = m.id AND r.year = last.year)
    ORDER BY m.organisation_id, m.id`.execute(db);
  return rows;
}

function reminderMail(d: Due) {
  const ends = { fr: formatDate(`${d.year}-12-31`, 'fr', { year: 'always' }), en: formatDate(`${d.year}-12-31`, 'en', { year: 'always' }) };
  return {
    subject: `${d.organisation_name} — renouvellement de votre adhésion / membership renewal`,
    text: [
      `Bonjour ${d.full_name},`, '',
      `Votre adhésion ${d.year} à ${d.organisation_name} prend fin le ${ends.fr}.`,
      `Pour rester membre en ${d.year + 1}, il suffit de renouveler votre cotisation auprès de l'association. Si c'est déjà fait, merci, et ne tenez pas compte de ce message.`,
      '', '--', `Hello ${d.full_name}, your ${d.year} membership of ${d.organisation_name} ends on ${ends.en}.`,
      `To remain a member in ${d.year + 1}, please renew your dues with the association. If you already have, thank you, and please ignore this message.`, '',
    ].join('\n'),
  };
}

export async function sendMembershipReminders(deps: { db: Db; queue: JobQueue }, today = parisDate(new Date())): Promise<number> {
  return inSystemTransaction(deps.db, async (trx) => {
    let sent = 0;
    for (const d of await dueReminders(trx, today)) {
      // The claim first: a concurrent run that took it already makes this one skip the member.
      const claimed = await trx.insertInto('membership_reminders').values({ organisation_id: d.organisation_id, member_id: d.member_id, year: d.year, sent_on: today })
        .onConflict((oc) => oc.columns(['member_id', 'year']).doNothing()).returning('member_id').executeTakeFirst();
      if (!claimed) continue;
      const mail = reminderMail(d);
      await queueMailing(trx, deps.queue, {
        organisationId: d.organisation_id, purpose: 'transactional', sourceId: null, listId: null, bulk: false, createdBy: null,
        subject: mail.subject, bodyText: mail.text, recipients: [{ contactId: null, email: d.email }],
      });
      sent += 1;
    }
    return sent;
  });
}

export function defineMembershipReminders(queue: JobQueue, deps: { db: Db }) {
  queue.defineScheduled(MEMBERSHIP_REMINDERS_JOB, MEMBERSHIP_REMINDERS_SCHEDULE, async () => {
    await sendMembershipReminders({ ...deps, queue });
  });
}
