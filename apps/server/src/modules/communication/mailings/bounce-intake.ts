import { classifyBounce, HARD_BOUNCE_TYPES, SOFT_BOUNCE_WINDOW_DAYS, type BounceType } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import type { Trx } from '../../../platform/db/database.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { AppError } from '../../../platform/errors/catalogue.js';
import type { JobQueue } from '../../../platform/queue/job-queue.js';
import { addSuppression, deliveryByToken, setDeliveryStatus } from './mailings.queries.js';
import { bouncePatterns, ensureDefaultPatterns, insertBounce, recentBounceCount, setBounceState } from './bounces.queries.js';
import { onFirstUse } from '../../../platform/on-first-use.js';

const loadImap = onFirstUse(() => import('imapflow'));
const loadMailParser = onFirstUse(() => import('mailparser'));

/**
 * Bounces come back to the per-recipient return path (bounce+<token>@domain) and land in one
 * IMAP mailbox. The reader fetches unread messages, finds the delivery token, classifies the
 * text with the organisation's patterns and applies thresholds. Only messages it recognised are
 * marked read; nothing is ever deleted, so unrelated mail in the box stays as it was.
 */
export const BOUNCE_POLL_JOB = 'mail.bounces.poll';
const TOKEN = /(?:bounce\+|X-Vigie-Delivery:\s*)([a-f0-9]{32})/i;
const HARD_TYPES: ReadonlySet<string> = new Set(HARD_BOUNCE_TYPES);

function imapOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname, port: Number(u.port || (u.protocol === 'imaps:' ? 993 : 143)), secure: u.protocol === 'imaps:',
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

export type PollResult = { read: number; recognised: number; applied: number; review: number };

export type IntakeDeps = Pick<AppContext, 'db' | 'config'>;

export async function pollBounces(ctx: IntakeDeps): Promise<PollResult> {
  if (!ctx.config.bounceImapUrl) throw new AppError('bounce.not_configured');
  const { mailbox, ...options } = imapOptions(ctx.config.bounceImapUrl);
  const { ImapFlow } = await loadImap();
  const client = new ImapFlow({ ...options, logger: false, tls: { rejectUnauthorized: ctx.config.env === 'production' } });
  try {
    await client.connect();
  } catch {
    throw new AppError('bounce.mailbox_unreachable');
  }
  const result: PollResult = { read: 0, recognised: 0, applied: 0, review: 0 };
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      const messages: Array<{ uid: number; source: Buffer }> = [];
      for await (const m of client.fetch({ seen: false }, { uid: true, source: true })) {
        if (m.source) messages.push({ uid: m.uid, source: m.source });
      }
      const done: number[] = [];
      for (const m of messages) {
        result.read++;
        const outcome = await intakeOne(ctx, m.source);
        if (outcome === 'unrelated') continue;
        result.recognised++;
        if (outcome === 'review') result.review++; else result.applied++;
        done.push(m.uid);
      }
      if (done.length) await client.messageFlagsAdd(done.join(','), ['\\Seen'], { uid: true });
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}

async function intakeOne(ctx: IntakeDeps, source: Buffer): Promise<'unrelated' | 'review' | 'applied'> {
  const raw = source.toString('utf8');
  const token = TOKEN.exec(raw)?.[1]?.toLowerCase();
  if (!token) return 'unrelated';
  const delivery = await deliveryByToken(ctx.db, token);
  if (!delivery) return 'unrelated';
  const { simpleParser } = await loadMailParser();
  const parsed = await simpleParser(source);
  const text = `${parsed.subject ?? ''}\n${parsed.text ?? raw}`;
  return inOrganisation(ctx.db, delivery.organisation_id, async (trx) => {
    await ensureDefaultPatterns(trx, delivery.organisation_id);
    const match = classifyBounce(text, await bouncePatterns(trx, delivery.organisation_id));
    const bounce = await insertBounce(trx, {
      organisationId: delivery.organisation_id, deliveryId: delivery.id, address: delivery.address, bounceType: match?.bounceType ?? null,
      patternId: match?.id ?? null, state: match ? 'counted' : 'review', subject: parsed.subject ?? null, excerpt: text.slice(0, 4000),
      messageId: parsed.messageId ?? null,
    });
    if (!bounce) return match ? 'applied' : 'review'; // the same message read twice
    if (!match) return 'review';
    await applyBounce(trx, { id: bounce.id, organisationId: delivery.organisation_id, deliveryId: delivery.id, address: delivery.address },
      match.bounceType, match.holdThreshold);
    return 'applied';
  });
}

/** Counts the bounce and suppresses the address once its type's threshold is reached. */
export async function applyBounce(trx: Trx, b: { id: string; organisationId: string; deliveryId: string | null; address: string },
  bounceType: BounceType, holdThreshold: number) {
  await setBounceState(trx, b.id, 'counted', bounceType);
  if (b.deliveryId) await setDeliveryStatus(trx, b.deliveryId, bounceType === 'spam' ? 'complained' : 'bounced');
  const hits = await recentBounceCount(trx, b.organisationId, b.address, bounceType, SOFT_BOUNCE_WINDOW_DAYS);
  if (hits < holdThreshold) return false;
  const reason = bounceType === 'spam' ? 'complaint' : HARD_TYPES.has(bounceType) && holdThreshold === 1 ? 'hard_bounce' : 'soft_bounces';
  await addSuppression(trx, { organisationId: b.organisationId, address: b.address, listId: null, reason });
  await setBounceState(trx, b.id, 'applied', bounceType);
  await recordAudit(trx, {
    organisationId: b.organisationId, actorId: null, action: 'mail.address_suppressed', entityType: 'mail_bounce', entityId: b.id,
    after: { reason, bounceType, hits },
  });
  return true;
}

/** Runs on a schedule where a mailbox is configured; an unreachable box only delays reading. */
export function defineBouncePolling(queue: JobQueue, deps: IntakeDeps) {
  if (!deps.config.bounceImapUrl) return;
  queue.defineScheduled(BOUNCE_POLL_JOB, { cron: '*/5 * * * *', tz: 'Europe/Paris' }, async () => {
    await pollBounces(deps);
  });
}
