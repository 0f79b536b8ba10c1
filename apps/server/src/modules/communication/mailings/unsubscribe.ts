import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import { recordOneClickWithdrawal } from '../contacts/contact-events.js';
import { addSuppression, deliveryByToken, suppressionFor } from './mailings.queries.js';

/**
 * One-click unsubscribe (RFC 8058). The token is the delivery's random token. Reading it (GET)
 * never changes anything, so link scanners that pre-open links cannot unsubscribe anyone; only
 * a POST (the mail client's one-click, or the button on the page) does. The unsubscribe is
 * scoped to the list the mail was sent to; it is written to the suppression list and to the
 * contact's consent ledger.
 */
const mask = (address: string) => address.replace(/^(.)[^@]*(@.*)$/, '$1…$2');

async function delivery(ctx: AppContext, token: string) {
  if (!/^[a-f0-9]{32}$/.test(token)) throw new AppError('unsubscribe.invalid');
  const d = await deliveryByToken(ctx.db, token);
  if (!d || d.address.startsWith('erased-')) throw new AppError('unsubscribe.invalid');
  return d;
}

export async function unsubscribeState(ctx: AppContext, token: string) {
  const d = await delivery(ctx, token);
  const suppressed = await suppressionFor(ctx.db, d.organisation_id, d.address, d.list_id);
  return { address: mask(d.address), listName: d.list_name, unsubscribed: Boolean(suppressed) };
}

export async function unsubscribe(ctx: AppContext, token: string, ip: string) {
  const d = await delivery(ctx, token);
  await inOrganisation(ctx.db, d.organisation_id, async (trx) => {
    if (await suppressionFor(trx, d.organisation_id, d.address, d.list_id)) return;
    await addSuppression(trx, { organisationId: d.organisation_id, address: d.address, listId: d.list_id, reason: 'unsubscribed' });
    if (d.contact_id) {
      await recordOneClickWithdrawal(trx, { organisationId: d.organisation_id, contactId: d.contact_id, listId: d.list_id });
    }
    await recordAudit(trx, {
      organisationId: d.organisation_id, actorId: null, action: 'mail.unsubscribed', entityType: 'mail_delivery', entityId: d.id,
      after: { listId: d.list_id }, context: { ip },
    });
  });
  return { address: mask(d.address), listName: d.list_name, unsubscribed: true };
}
