import { z } from 'zod';
import {
  can, HARD_BOUNCE_TYPES, isValidPattern, normaliseEmail, type BounceType, type MailingView, type RecentDeliveryView, type SuppressionView,
} from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import type { Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { Actor } from '../../../platform/http/request-context.js';
import { listExists, mailableAudience } from '../contacts/contact-lists.js';
import { queueMailing } from './mail-pipeline.js';
import { addSuppression, deleteSuppression, deliveriesOfMailing, mailingWithCounts, recentDeliveries, suppressions } from './mailings.queries.js';
import { bouncePatterns, bouncesIn, ensureDefaultPatterns, findBounce, replacePatterns, setBounceState } from './bounces.queries.js';
import { applyBounce } from './bounce-intake.js';

/** The desk's view of the pipeline: send a message to a list, follow it, the suppression list, bounces. */

const emailCheck = z.email();
const STATUSES = ['queued', 'sent', 'deferred', 'bounced', 'complained', 'suppressed', 'failed'] as const;

/** With `deliveries: false`, counts only (the answer to queuing: thousands of rows the sender does not read yet). */
export async function loadMailing(db: Executor, id: string, options: { deliveries: boolean } = { deliveries: true }): Promise<MailingView> {
  const found = await mailingWithCounts(db, id);
  if (!found) throw new AppError('mailing.not_found');
  const counts = Object.fromEntries(STATUSES.map((s) => [s, found.counts[s] ?? 0])) as MailingView['counts'];
  return {
    id, purpose: found.mailing.purpose, subject: found.mailing.subject, listId: found.mailing.list_id, createdAt: found.mailing.created_at.toISOString(),
    total: Object.values(counts).reduce((a, b) => a + b, 0), counts,
    deliveries: (options.deliveries ? await deliveriesOfMailing(db, id) : []).map((d) => ({
      id: d.id, address: d.address, status: d.status, attempts: d.attempts, lastError: d.last_error, sentAt: d.sent_at?.toISOString() ?? null,
    })),
  };
}

/** A plain message to everyone on a list who may receive it (also how the newsletter leaves). */
export async function sendToList(ctx: AppContext, actor: Actor, listId: string, input: { subject: string; bodyText: string }, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const { mailable } = await mailableAudience(trx, listId);
    if (mailable.length === 0) throw new AppError('mailing.no_recipients');
    const queued = await queueMailing(trx, ctx.queue, {
      organisationId: actor.organisationId, purpose: 'manual', sourceId: null, listId, subject: input.subject, bodyText: input.bodyText,
      bulk: true, createdBy: actor.userId, recipients: mailable.map((m) => ({ contactId: m.contactId, email: m.email })),
    });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'mailing.queued', entityType: 'mailing', entityId: queued.mailingId,
      after: { listId, recipients: queued.queued }, context: { ip },
    });
    return loadMailing(trx, queued.mailingId, { deliveries: false });
  });
}

/**
 * Every mail Vigie sent lately, whatever asked for it, with its status. Account mail (who was
 * invited, who asked for a reset) is shown only to those who manage invitations; the rest only
 * to those who publish (an administrator follows invitations, not the press list).
 */
export async function listRecentDeliveries(ctx: AppContext, actor: Actor, purpose?: RecentDeliveryView['purpose']): Promise<RecentDeliveryView[]> {
  const withAccountMail = can(actor.roles, 'invitations.manage');
  const purposes = can(actor.roles, 'comms.publish') ? (purpose ? [purpose] : undefined) : ['account'];
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await recentDeliveries(trx, actor.organisationId, {
    ...(purposes && { purposes }), withAccountMail, limit: 200,
  })).map((d) => ({
    id: d.id, mailingId: d.mailing_id, purpose: d.purpose as RecentDeliveryView['purpose'], subject: d.bulk ? d.subject : null, address: d.address, status: d.status as RecentDeliveryView['status'],
    attempts: d.attempts, lastError: d.last_error, sentAt: d.sent_at?.toISOString() ?? null, updatedAt: d.updated_at.toISOString(),
  })));
}

export async function readMailing(ctx: AppContext, actor: Actor, id: string) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => loadMailing(trx, id));
}

async function suppressionViews(db: Executor): Promise<SuppressionView[]> {
  return (await suppressions(db)).map((s) => ({
    id: s.id, address: s.address, reason: s.reason as SuppressionView['reason'], note: s.note, listName: s.list_name, createdAt: s.created_at.toISOString(),
  }));
}

export async function listSuppressions(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, (trx) => suppressionViews(trx));
}

/** An address added by hand (a person asked by phone, a known dead address), with why; audited. */
export async function suppressAddress(ctx: AppContext, actor: Actor, input: { address: string; listId: string | null; note: string }, ip: string) {
  const address = normaliseEmail(input.address);
  if (!emailCheck.safeParse(address).success) throw new AppError('contact.invalid_email', { value: input.address });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    if (input.listId && !(await listExists(trx, input.listId))) throw new AppError('contact_list.not_found');
    const row = await addSuppression(trx, { organisationId: actor.organisationId, address, listId: input.listId, reason: 'manual', note: input.note });
    if (!row) throw new AppError('mail.already_suppressed', { value: address });
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'mail.suppression_added', entityType: 'mail_suppression', entityId: row.id,
      after: { address, listId: input.listId, note: input.note }, context: { ip },
    });
    return suppressionViews(trx);
  });
}

/** Removing an address from the list says why (the person subscribed again, a bounce was a mistake); audited. */
export async function removeSuppression(ctx: AppContext, actor: Actor, id: string, note: string, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const gone = await deleteSuppression(trx, id);
    if (!gone) throw new AppError('request.not_found');
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'mail.suppression_removed', entityType: 'mail_suppression', entityId: id,
      before: { address: gone.address, reason: gone.reason, listId: gone.list_id }, after: { note }, context: { ip },
    });
    return suppressionViews(trx);
  });
}

export async function readPatterns(ctx: AppContext, actor: Actor) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await ensureDefaultPatterns(trx, actor.organisationId);
    return bouncePatterns(trx, actor.organisationId);
  });
}

export async function savePatterns(ctx: AppContext, actor: Actor, patterns: Array<{ pattern: string; bounceType: BounceType; holdThreshold: number }>, ip: string) {
  const bad = patterns.find((p) => !isValidPattern(p.pattern));
  if (bad) throw new AppError('bounce.invalid_pattern', { pattern: bad.pattern });
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    await replacePatterns(trx, actor.organisationId, patterns);
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'mail.bounce_patterns_changed', entityType: 'organisation',
      entityId: actor.organisationId, after: { count: patterns.length }, context: { ip },
    });
    return bouncePatterns(trx, actor.organisationId);
  });
}

export async function listBounces(ctx: AppContext, actor: Actor, state?: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => (await bouncesIn(trx, state)).map((b) => ({
    id: b.id, address: b.address, bounceType: b.bounce_type as BounceType | null, state: b.state as 'review', subject: b.subject,
    excerpt: b.excerpt, receivedAt: b.received_at.toISOString(),
  })));
}

/** A person decides what an unrecognised bounce was (hard types suppress at once), or dismisses it. */
export async function resolveBounce(ctx: AppContext, actor: Actor, id: string, bounceType: BounceType | null, ip: string) {
  return inOrganisation(ctx.db, actor.organisationId, async (trx) => {
    const b = await findBounce(trx, id);
    if (!b) throw new AppError('bounce.not_found');
    if (bounceType === null) await setBounceState(trx, id, 'dismissed', null);
    else {
      const threshold = HARD_BOUNCE_TYPES.includes(bounceType) ? 1 : 3;
      await applyBounce(trx, { id, organisationId: actor.organisationId, deliveryId: b.delivery_id, address: b.address }, bounceType, threshold);
    }
    await recordAudit(trx, {
      organisationId: actor.organisationId, actorId: actor.userId, action: 'mail.bounce_resolved', entityType: 'mail_bounce', entityId: id,
      after: { bounceType }, context: { ip },
    });
  });
}
