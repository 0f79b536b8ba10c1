import type { Trx } from '../../../platform/db/database.js';
import type { AppContext } from '../../../platform/context.js';
import { queueOneMail } from '../../communication/mailings/mail-pipeline.js';

/**
 * The one door recruitment mail leaves through (application receipts today; job alerts and
 * reply templates next): the communication desk's pipeline, as a notification (a suppression
 * for every list stops it; an unsubscribe from the newsletter does not).
 */
export async function sendRecruitmentMail(ctx: AppContext, trx: Trx, mail: { organisationId: string; to: string; subject: string; text: string }) {
  await queueOneMail(trx, ctx, { organisationId: mail.organisationId, purpose: 'transactional', to: mail.to, subject: mail.subject, text: mail.text });
}
